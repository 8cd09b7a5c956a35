package dev.rill.nn.losses;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;

/**
 * {@code tf.compat.v1.losses.compute_weighted_loss}: weights the per-element losses and reduces
 * them as the {@link Reduction} says. Weights must be a scalar or have the losses' rank with every
 * dimension 1 or equal to the losses' (TensorFlow's {@code assert_broadcastable}).
 *
 * {@snippet :
 * Tensor perExample = NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
 * Tensor loss = WeightedLoss.compute(perExample, null, Reduction.SUM_BY_NONZERO_WEIGHTS);
 * }
 */
public final class WeightedLoss {
  private WeightedLoss() {}

  /**
   * @param losses per-element losses, float32 or float64
   * @param weights null for 1, else a scalar or a broadcastable tensor (cast to the losses' dtype)
   */
  public static Tensor compute(Tensor losses, Tensor weights, Reduction reduction) {
    if (!losses.dtype().isFloating()) {
      throw new InvalidArgumentException("compute_weighted_loss: losses must be floating, got "
          + losses.dtype());
    }
    Tensor w = weights == null ? losses.like(1) : MathOps.cast(weights, losses.dtype());
    requireBroadcastable(w.shape(), losses.shape());
    Tensor weighted = MathOps.mul(losses, w);
    if (reduction == Reduction.NONE) {
      return weighted;
    }
    Tensor total = ReduceOps.sum(weighted);
    return switch (reduction) {
      case SUM -> total;
      case MEAN -> divNoNan(total, ReduceOps.sum(MathOps.mul(ArrayOps.onesLike(losses), w)));
      case SUM_OVER_BATCH_SIZE -> divNoNan(total, losses.like(losses.size()));
      case SUM_BY_NONZERO_WEIGHTS -> divNoNan(total, numPresent(losses, w));
      case NONE -> throw new AssertionError();
    };
  }

  /** The number of losses whose broadcast weight is not zero. */
  static Tensor numPresent(Tensor losses, Tensor w) {
    if (w.rank() == 0 && w.doubleValue() != 0) {
      return losses.like(losses.size());
    }
    Tensor present = MathOps.cast(MathOps.notEqual(w, w.like(0)), losses.dtype());
    return ReduceOps.sum(MathOps.mul(present, ArrayOps.onesLike(losses)));
  }

  /** {@code x / y}, or 0 where y is 0 ({@code tf.math.divide_no_nan}). */
  static Tensor divNoNan(Tensor x, Tensor y) {
    Tensor zero = MathOps.equal(y, y.like(0));
    Tensor safe = MathOps.where(zero, y.like(1), y);
    return MathOps.where(zero, x.like(0), MathOps.div(x, safe));
  }

  private static void requireBroadcastable(Shape weights, Shape values) {
    if (weights.rank() == 0) {
      return;
    }
    boolean ok = weights.rank() == values.rank();
    for (int i = 0; ok && i < weights.rank(); i++) {
      ok = weights.dim(i) == 1 || weights.dim(i) == values.dim(i);
    }
    if (!ok) {
      throw new InvalidArgumentException("weights can not be broadcast to values. values.shape="
          + values + ", weights.shape=" + weights + ": weights must be a scalar or have the rank "
          + "of values with each dimension 1 or equal to the values'");
    }
  }
}
