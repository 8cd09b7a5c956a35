package dev.rill.nn.regularizers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;

/**
 * Weight penalties. {@link #l1}, {@link #l2} and {@link #l1L2} are Keras'
 * ({@code tf.keras.regularizers}); {@link #l2Loss} is TF1's
 * {@code tf.contrib.layers.l2_regularizer}, which halves the sum of squares as
 * {@code tf.nn.l2_loss} does. For the same factor the two L2 forms differ by a factor of 2.
 *
 * {@snippet :
 * Regularizer keras = Regularizers.l2(0.01);      // 0.01 * sum(w^2)
 * Regularizer tf1 = Regularizers.l2Loss(0.01);    // 0.01 * sum(w^2) / 2
 * }
 */
public final class Regularizers {
  /** Keras' default factor for {@code L1()} and {@code L2()}. */
  public static final double DEFAULT_FACTOR = 0.01;

  private Regularizers() {}

  /** {@code l1 * sum(|w|)}. */
  public static Regularizer l1(double l1) {
    requireFactor("l1", l1);
    return w -> MathOps.mul(ReduceOps.sum(MathOps.abs(w)), w.like(l1));
  }

  /** {@code l2 * sum(w^2)} (Keras). */
  public static Regularizer l2(double l2) {
    requireFactor("l2", l2);
    return w -> MathOps.mul(ReduceOps.sum(MathOps.square(w)), w.like(l2));
  }

  /** {@code l1 * sum(|w|) + l2 * sum(w^2)} (Keras). */
  public static Regularizer l1L2(double l1, double l2) {
    requireFactor("l1", l1);
    requireFactor("l2", l2);
    return w -> {
      Tensor sum = w.like(0);
      if (l1 != 0) {
        sum = MathOps.add(sum, l1(l1).apply(w));
      }
      if (l2 != 0) {
        sum = MathOps.add(sum, l2(l2).apply(w));
      }
      return sum;
    };
  }

  /**
   * {@code scale * sum(w^2) / 2}: TF1's {@code l2_regularizer(scale)}, i.e.
   * {@code scale * tf.nn.l2_loss(w)}, the weight decay of the CIFAR-10 tutorial.
   */
  public static Regularizer l2Loss(double scale) {
    requireFactor("scale", scale);
    return w -> MathOps.mul(ReduceOps.l2Loss(w), w.like(scale));
  }

  private static void requireFactor(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InvalidArgumentException("regularizer: " + name + " must be a finite "
          + "non-negative number, got " + name + "=" + v);
    }
  }
}
