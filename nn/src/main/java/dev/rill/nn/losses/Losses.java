package dev.rill.nn.losses;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.nn.Scope;
import java.util.List;

/**
 * The losses of {@code tf.compat.v1.losses}: each computes a per-element loss, multiplies it by
 * {@code weights} (null for 1; a scalar, or per example, or broadcastable) and reduces it with a
 * {@link Reduction}, {@code SUM_BY_NONZERO_WEIGHTS} unless given. Labels are cast to the dtype of
 * the logits or predictions; float32 and float64 both work.
 *
 * {@snippet :
 * // the MNIST tutorial: integer labels [batch], logits [batch, 10]
 * Tensor loss = Losses.sparseSoftmaxCrossEntropy(labels, logits);
 * Tensor smoothed = Losses.softmaxCrossEntropy(onehot, logits, null, 0.1, Reduction.DEFAULT);
 * Tensor total = loss.add(Losses.getRegularizationLoss());
 * }
 */
public final class Losses {
  /** log_loss's default epsilon. */
  public static final double LOG_LOSS_EPSILON = 1e-7;
  /** huber_loss's default delta. */
  public static final double HUBER_DELTA = 1.0;

  private Losses() {}

  // ---- cross-entropies ----

  /** Softmax cross-entropy of one-hot (or soft) labels {@code [batch, classes]} and logits. */
  public static Tensor softmaxCrossEntropy(Tensor onehotLabels, Tensor logits) {
    return softmaxCrossEntropy(onehotLabels, logits, null, 0, Reduction.DEFAULT);
  }

  public static Tensor softmaxCrossEntropy(Tensor onehotLabels, Tensor logits, Tensor weights) {
    return softmaxCrossEntropy(onehotLabels, logits, weights, 0, Reduction.DEFAULT);
  }

  /**
   * @param labelSmoothing in [0, 1]: labels become {@code labels * (1 - s) + s / classes}
   * @param weights per example {@code [batch]}, a scalar, or null
   */
  public static Tensor softmaxCrossEntropy(Tensor onehotLabels, Tensor logits, Tensor weights,
      double labelSmoothing, Reduction reduction) {
    Tensor labels = sameShape("softmax_cross_entropy", onehotLabels, logits);
    if (labelSmoothing > 0) {
      int classes = labels.shape().dim(labels.rank() - 1);
      labels = MathOps.add(MathOps.mul(labels, labels.like(1 - labelSmoothing)),
          labels.like(labelSmoothing / classes));
    }
    Tensor losses = NnOps.softmaxCrossEntropyWithLogits(ArrayOps.stopGradient(labels), logits);
    return WeightedLoss.compute(losses, weights, reduction);
  }

  /** Softmax cross-entropy of class indices {@code [batch]} (int32/int64) and logits. */
  public static Tensor sparseSoftmaxCrossEntropy(Tensor labels, Tensor logits) {
    return sparseSoftmaxCrossEntropy(labels, logits, null, Reduction.DEFAULT);
  }

  public static Tensor sparseSoftmaxCrossEntropy(Tensor labels, Tensor logits, Tensor weights) {
    return sparseSoftmaxCrossEntropy(labels, logits, weights, Reduction.DEFAULT);
  }

  /** Labels of shape {@code [batch, 1]} are taken as {@code [batch]}, as TensorFlow does. */
  public static Tensor sparseSoftmaxCrossEntropy(Tensor labels, Tensor logits, Tensor weights,
      Reduction reduction) {
    Tensor l = labels;
    if (l.rank() == logits.rank() && l.rank() > 0 && l.shape().dim(l.rank() - 1) == 1) {
      l = ArrayOps.squeeze(l, -1);
    }
    Tensor w = weights;
    if (w != null && w.rank() == l.rank() + 1 && w.shape().dim(w.rank() - 1) == 1) {
      w = ArrayOps.squeeze(w, -1);
    }
    return WeightedLoss.compute(NnOps.sparseSoftmaxCrossEntropyWithLogits(l, logits), w,
        reduction);
  }

  /** Elementwise logistic loss of 0/1 labels (any shape) and logits of the same shape. */
  public static Tensor sigmoidCrossEntropy(Tensor multiClassLabels, Tensor logits) {
    return sigmoidCrossEntropy(multiClassLabels, logits, null, 0, Reduction.DEFAULT);
  }

  public static Tensor sigmoidCrossEntropy(Tensor multiClassLabels, Tensor logits,
      Tensor weights) {
    return sigmoidCrossEntropy(multiClassLabels, logits, weights, 0, Reduction.DEFAULT);
  }

  /** @param labelSmoothing labels become {@code labels * (1 - s) + s / 2} */
  public static Tensor sigmoidCrossEntropy(Tensor multiClassLabels, Tensor logits, Tensor weights,
      double labelSmoothing, Reduction reduction) {
    Tensor labels = sameShape("sigmoid_cross_entropy", multiClassLabels, logits);
    if (labelSmoothing > 0) {
      labels = MathOps.add(MathOps.mul(labels, labels.like(1 - labelSmoothing)),
          labels.like(0.5 * labelSmoothing));
    }
    return WeightedLoss.compute(NnOps.sigmoidCrossEntropyWithLogits(labels, logits), weights,
        reduction);
  }

  // ---- regression and margin losses ----

  /** {@code (predictions - labels)^2}. */
  public static Tensor meanSquaredError(Tensor labels, Tensor predictions) {
    return meanSquaredError(labels, predictions, null, Reduction.DEFAULT);
  }

  public static Tensor meanSquaredError(Tensor labels, Tensor predictions, Tensor weights) {
    return meanSquaredError(labels, predictions, weights, Reduction.DEFAULT);
  }

  public static Tensor meanSquaredError(Tensor labels, Tensor predictions, Tensor weights,
      Reduction reduction) {
    Tensor l = sameShape("mean_squared_error", labels, predictions);
    return WeightedLoss.compute(MathOps.squaredDifference(predictions, l), weights, reduction);
  }

  /** {@code |predictions - labels|}. */
  public static Tensor absoluteDifference(Tensor labels, Tensor predictions) {
    return absoluteDifference(labels, predictions, null, Reduction.DEFAULT);
  }

  public static Tensor absoluteDifference(Tensor labels, Tensor predictions, Tensor weights) {
    return absoluteDifference(labels, predictions, weights, Reduction.DEFAULT);
  }

  public static Tensor absoluteDifference(Tensor labels, Tensor predictions, Tensor weights,
      Reduction reduction) {
    Tensor l = sameShape("absolute_difference", labels, predictions);
    return WeightedLoss.compute(MathOps.abs(MathOps.sub(predictions, l)), weights, reduction);
  }

  /** {@code max(0, 1 - (2 * labels - 1) * logits)} for 0/1 labels. */
  public static Tensor hingeLoss(Tensor labels, Tensor logits) {
    return hingeLoss(labels, logits, null, Reduction.DEFAULT);
  }

  public static Tensor hingeLoss(Tensor labels, Tensor logits, Tensor weights) {
    return hingeLoss(labels, logits, weights, Reduction.DEFAULT);
  }

  public static Tensor hingeLoss(Tensor labels, Tensor logits, Tensor weights,
      Reduction reduction) {
    Tensor l = sameShape("hinge_loss", labels, logits);
    Tensor signs = MathOps.sub(MathOps.mul(l, l.like(2)), l.like(1));
    Tensor losses = MathOps.relu(MathOps.sub(logits.like(1), MathOps.mul(signs, logits)));
    return WeightedLoss.compute(losses, weights, reduction);
  }

  /**
   * {@code -labels * log(p + eps) - (1 - labels) * log(1 - p + eps)} for probabilities p, eps
   * {@value #LOG_LOSS_EPSILON}.
   */
  public static Tensor logLoss(Tensor labels, Tensor predictions) {
    return logLoss(labels, predictions, null, LOG_LOSS_EPSILON, Reduction.DEFAULT);
  }

  public static Tensor logLoss(Tensor labels, Tensor predictions, Tensor weights) {
    return logLoss(labels, predictions, weights, LOG_LOSS_EPSILON, Reduction.DEFAULT);
  }

  public static Tensor logLoss(Tensor labels, Tensor predictions, Tensor weights, double epsilon,
      Reduction reduction) {
    Tensor l = sameShape("log_loss", labels, predictions);
    Tensor eps = predictions.like(epsilon);
    Tensor one = predictions.like(1);
    Tensor pos = MathOps.mul(l, MathOps.log(MathOps.add(predictions, eps)));
    Tensor neg = MathOps.mul(MathOps.sub(one, l),
        MathOps.log(MathOps.add(MathOps.sub(one, predictions), eps)));
    return WeightedLoss.compute(MathOps.sub(MathOps.neg(pos), neg), weights, reduction);
  }

  /**
   * Quadratic for errors up to {@code delta}, linear beyond: {@code 0.5 * q^2 + delta * (|e| - q)}
   * with {@code e = predictions - labels}, {@code q = min(|e|, delta)}.
   */
  public static Tensor huberLoss(Tensor labels, Tensor predictions) {
    return huberLoss(labels, predictions, null, HUBER_DELTA, Reduction.DEFAULT);
  }

  public static Tensor huberLoss(Tensor labels, Tensor predictions, Tensor weights) {
    return huberLoss(labels, predictions, weights, HUBER_DELTA, Reduction.DEFAULT);
  }

  public static Tensor huberLoss(Tensor labels, Tensor predictions, Tensor weights, double delta,
      Reduction reduction) {
    Tensor l = sameShape("huber_loss", labels, predictions);
    Tensor absError = MathOps.abs(MathOps.sub(predictions, l));
    Tensor quadratic = MathOps.minimum(absError, absError.like(delta));
    Tensor linear = MathOps.sub(absError, quadratic);
    Tensor losses = MathOps.add(
        MathOps.mul(absError.like(0.5), MathOps.mul(quadratic, quadratic)),
        MathOps.mul(absError.like(delta), linear));
    return WeightedLoss.compute(losses, weights, reduction);
  }

  /** {@code tf.losses.compute_weighted_loss}; see {@link WeightedLoss}. */
  public static Tensor computeWeightedLoss(Tensor losses, Tensor weights, Reduction reduction) {
    return WeightedLoss.compute(losses, weights, reduction);
  }

  // ---- regularization ----

  /** The penalties layers recorded in the current scope ({@code get_regularization_losses}). */
  public static List<Tensor> getRegularizationLosses() {
    return Scope.current().regularizationLosses();
  }

  /** Their sum, float32 0 when there are none ({@code tf.losses.get_regularization_loss}). */
  public static Tensor getRegularizationLoss() {
    List<Tensor> all = getRegularizationLosses();
    if (all.isEmpty()) {
      return Tensor.scalar(0f);
    }
    Tensor sum = all.get(0);
    for (int i = 1; i < all.size(); i++) {
      sum = MathOps.add(sum, all.get(i));
    }
    return sum;
  }

  /** {@code labels} cast to the dtype of {@code other}, after checking the shapes match. */
  private static Tensor sameShape(String loss, Tensor labels, Tensor other) {
    if (!labels.shape().equals(other.shape())) {
      throw new InvalidArgumentException(loss + ": labels shape " + labels.shape() + " and "
          + "predictions/logits shape " + other.shape() + " are incompatible");
    }
    if (!other.dtype().isFloating()) {
      throw new InvalidArgumentException(loss + ": predictions/logits must be floating, got "
          + other.dtype());
    }
    return labels.dtype() == other.dtype() ? labels : MathOps.cast(labels, other.dtype());
  }
}
