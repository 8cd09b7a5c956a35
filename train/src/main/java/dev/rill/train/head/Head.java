package dev.rill.train.head;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.nn.losses.Losses;
import dev.rill.nn.losses.Reduction;
import dev.rill.nn.metrics.Mean;
import dev.rill.nn.metrics.Metric;
import dev.rill.nn.optimizers.Optimizer;
import dev.rill.nn.optimizers.TrainOp;
import dev.rill.train.EstimatorSpec;
import dev.rill.train.EvalMetrics;
import dev.rill.train.ModeKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The top of a canned model, as TF 2's {@code tf.estimator.Head}: from the logits
 * {@code [batch, logitsDimension]} a network computes, it derives the predictions, the loss
 * against the labels and the evaluation metrics, and assembles the {@link EstimatorSpec} of a
 * model function.
 *
 * {@snippet :
 * Head head = new BinaryClassHead();
 * ModelFn fn = (features, labels, mode, params) -> {
 *   Tensor logits = Layers.dense(features.get("x"), head.logitsDimension());
 *   return head.createEstimatorSpec(mode, logits, labels, null, new FtrlOptimizer(0.2));
 * };
 * }
 *
 * <p>Loss reduction: the TF 2 canned estimators ({@code LinearClassifier},
 * {@code DNNClassifier}, ... in their v2 form, the ones {@code tf.estimator} exported up to
 * TF 2.15, after which the package left TensorFlow) default to
 * {@code SUM_OVER_BATCH_SIZE}: {@code sum(weight * loss) / number of loss elements}; that is the
 * default here. The TF 1 ({@code tf.compat.v1.estimator}) ones used {@code SUM}; pass it to the
 * constructor for those.
 *
 * <p>Weights (TF's {@code weight_column}) are one per example, {@code [batch]} or
 * {@code [batch, 1]}, or null for 1 each; they multiply the per-example loss and weigh every
 * metric.
 */
public abstract class Head {
  private final Reduction lossReduction;

  protected Head(Reduction lossReduction) {
    this.lossReduction = Objects.requireNonNull(lossReduction, "lossReduction");
    if (lossReduction == Reduction.NONE) {
      throw new IllegalArgumentException("a head's loss reduction must reduce; got NONE");
    }
  }

  /** The width of the logits this head expects. */
  public abstract int logitsDimension();

  public Reduction lossReduction() {
    return lossReduction;
  }

  /** Everything this head predicts from {@code logits}, by {@link PredictionKeys} name. */
  public abstract Map<String, Tensor> predictions(Tensor logits);

  /**
   * The labels as the loss needs them ({@code [batch, labelDimension]}), after checking their
   * size and range.
   */
  protected abstract Tensor processLabels(Tensor labels, Tensor logits);

  /** The loss of each example (and label dimension), unweighted, same leading shape as logits. */
  protected abstract Tensor unweightedLoss(Tensor processedLabels, Tensor logits);

  /** Updates this head's own metrics (not the loss ones) for one batch. */
  protected abstract void updateHeadMetrics(Map<String, Metric> out, Tensor processedLabels,
      Tensor logits, Map<String, Tensor> predictions, Tensor weights);

  /**
   * The training loss of a batch: the weighted per-example losses reduced by
   * {@link #lossReduction()}, plus the sum of {@code regularizationLosses} (may be null).
   */
  public Tensor loss(Tensor labels, Tensor logits, Tensor weights,
      List<Tensor> regularizationLosses) {
    checkLogits(logits);
    Tensor processed = processLabels(labels, logits);
    Tensor loss = Losses.computeWeightedLoss(unweightedLoss(processed, logits),
        exampleWeights(weights, logits), lossReduction);
    Tensor reg = sum(regularizationLosses);
    return reg == null ? loss : MathOps.add(loss, MathOps.cast(reg, loss.dtype()));
  }

  /** {@link #loss(Tensor, Tensor, Tensor, List)} unweighted and unregularized. */
  public Tensor loss(Tensor labels, Tensor logits) {
    return loss(labels, logits, null, null);
  }

  /**
   * Updates, for one batch, the metrics of the evaluation under way (kept by {@link EvalMetrics})
   * and returns them by {@link MetricKeys} name. {@code loss} itself is not among them: the
   * Estimator reports the mean of the batches' losses under that name.
   */
  public Map<String, Metric> updateMetrics(Tensor labels, Tensor logits, Tensor weights,
      List<Tensor> regularizationLosses) {
    checkLogits(logits);
    Tensor processed = processLabels(labels, logits);
    Tensor w = exampleWeights(weights, logits);
    Map<String, Metric> out = new LinkedHashMap<>();
    Mean averageLoss = EvalMetrics.get(MetricKeys.LOSS_MEAN, () -> new Mean(MetricKeys.LOSS_MEAN));
    averageLoss.update(unweightedLoss(processed, logits), w);
    out.put(MetricKeys.LOSS_MEAN, averageLoss);
    updateHeadMetrics(out, processed, logits, predictions(logits), w);
    Tensor reg = sum(regularizationLosses);
    if (reg != null) {
      Mean regMean = EvalMetrics.get(MetricKeys.LOSS_REGULARIZATION,
          () -> new Mean(MetricKeys.LOSS_REGULARIZATION));
      regMean.update(reg);
      out.put(MetricKeys.LOSS_REGULARIZATION, regMean);
    }
    return out;
  }

  /**
   * The model function's result for {@code mode}: predictions only (PREDICT); the loss and the
   * optimizer's train op, run here (TRAIN, needs the step's tape in the current scope); the loss
   * and the updated metrics (EVAL).
   *
   * @param weights per-example weights or null
   * @param optimizer used in TRAIN only
   * @param regularizationLosses added to the loss; null or empty for none
   */
  public EstimatorSpec createEstimatorSpec(ModeKeys mode, Tensor logits, Tensor labels,
      Tensor weights, Optimizer optimizer, List<Tensor> regularizationLosses) {
    checkLogits(logits);
    Map<String, Tensor> predictions = predictions(logits);
    if (mode == ModeKeys.PREDICT) {
      return EstimatorSpec.predict(predictions);
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels are required in " + mode + " mode");
    }
    Tensor loss = loss(labels, logits, weights, regularizationLosses);
    if (mode == ModeKeys.TRAIN) {
      Objects.requireNonNull(optimizer, "an optimizer is required in TRAIN mode");
      TrainOp trainOp = optimizer.minimize(loss);
      return new EstimatorSpec(ModeKeys.TRAIN, predictions, loss, trainOp, null);
    }
    Map<String, Metric> metrics = updateMetrics(labels, logits, weights, regularizationLosses);
    return new EstimatorSpec(ModeKeys.EVAL, predictions, loss, null, metrics);
  }

  /** Unweighted and unregularized. */
  public EstimatorSpec createEstimatorSpec(ModeKeys mode, Tensor logits, Tensor labels,
      Optimizer optimizer) {
    return createEstimatorSpec(mode, logits, labels, null, optimizer, null);
  }

  private void checkLogits(Tensor logits) {
    if (logits.rank() < 2 || logits.shape().dim(logits.rank() - 1) != logitsDimension()) {
      throw new InvalidArgumentException("logits must have shape [batch, " + logitsDimension()
          + "], got " + logits.shape());
    }
    if (!logits.dtype().isFloating()) {
      throw new InvalidArgumentException("logits must be floating, got " + logits.dtype());
    }
  }

  /** {@code [batch]} or {@code [batch, 1]} weights as float {@code [batch, 1]}; null stays null. */
  static Tensor exampleWeights(Tensor weights, Tensor logits) {
    if (weights == null) {
      return null;
    }
    int batch = batchSize(logits);
    if (weights.size() != batch) {
      throw new InvalidArgumentException("weights must have one value per example ([" + batch
          + "] or [" + batch + ", 1]), got shape " + weights.shape());
    }
    Tensor w = ArrayOps.reshape(weights, batch, 1);
    return w.dtype() == DType.FLOAT32 ? w : MathOps.cast(w, DType.FLOAT32);
  }

  /** The number of examples: the product of all but the logits' last axis. */
  static int batchSize(Tensor logits) {
    return logits.size() / logits.shape().dim(logits.rank() - 1);
  }

  private static Tensor sum(List<Tensor> xs) {
    if (xs == null || xs.isEmpty()) {
      return null;
    }
    Tensor s = xs.get(0);
    for (int i = 1; i < xs.size(); i++) {
      s = MathOps.add(s, xs.get(i));
    }
    return s;
  }

  /**
   * String labels as their int64 index in {@code vocabulary}, shaped {@code [batch, 1]}; a label
   * not in it is an error (TF looks it up as -1, which fails the label range check).
   */
  static Tensor labelIds(Tensor labels, List<String> vocabulary, int batch) {
    if (labels.dtype() != DType.STRING) {
      throw new InvalidArgumentException("with a label vocabulary, labels must be strings, got "
          + labels.dtype());
    }
    if (labels.size() != batch) {
      throw new InvalidArgumentException("labels must have one value per example (shape ["
          + batch + ", 1]), got shape " + labels.shape());
    }
    String[] s = labels.toStringArray();
    long[] ids = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      ids[i] = vocabulary.indexOf(s[i]);
      if (ids[i] < 0) {
        throw new InvalidArgumentException("label \"" + s[i] + "\" is not in the label "
            + "vocabulary " + vocabulary);
      }
    }
    return Tensor.of(dev.rill.core.Shape.of(batch, 1), ids);
  }

  /** A copy of a label vocabulary, checked to have {@code size} distinct entries. */
  static List<String> checkVocabulary(List<String> vocabulary, int size) {
    if (vocabulary == null) {
      return null;
    }
    List<String> v = List.copyOf(vocabulary);
    if (v.size() != size || new java.util.HashSet<>(v).size() != size) {
      throw new IllegalArgumentException("the label vocabulary must have " + size
          + " distinct entries, got " + vocabulary);
    }
    return v;
  }

  /**
   * Class ids {@code [batch, 1]} (int64) as strings: their vocabulary entries, or decimal
   * ({@code tf.strings.as_string}) without one.
   */
  static Tensor classStrings(Tensor classIds, List<String> vocabulary) {
    long[] ids = classIds.toLongArray();
    String[] s = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      s[i] = vocabulary == null ? Long.toString(ids[i]) : vocabulary.get((int) ids[i]);
    }
    return Tensor.ofStrings(classIds.shape(), s);
  }
}
