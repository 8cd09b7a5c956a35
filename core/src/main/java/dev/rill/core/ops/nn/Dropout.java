package dev.rill.core.ops.nn;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;

/**
 * Dropout with TensorFlow 2 semantics: each element (or each slice, with a noise shape) is kept with
 * probability {@code 1 - rate} and scaled by {@code 1 / (1 - rate)}, else zeroed. The mask is
 * {@code uniform(noiseShape) >= rate}, drawn from the given seed and stream; the gradient flows
 * through the multiplication by the mask. One {@link DropoutDefs#DROPOUT} op does the work. The
 * facade for this is {@code NnOps}.
 *
 * {@snippet :
 * Tensor y = Dropout.apply(x, 0.5, null, 42, 0);   // about half of x zeroed, the rest doubled
 * }
 */
public final class Dropout {
  private static final String OP = "Dropout";

  private Dropout() {}

  /**
   * @param noiseShape the shape of the mask, which must broadcast to x's; null for x's shape; -1
   *     entries (when of x's rank) take x's dimension
   */
  public static Tensor apply(Tensor x, double rate, Shape noiseShape, long seed, long counter) {
    if (!(rate >= 0 && rate < 1)) {
      throw InvalidArgumentException.of(OP, "rate must be in [0, 1), got rate=" + rate);
    }
    if (!x.dtype().isFloating()) {
      throw InvalidArgumentException.of(OP, "x must be float32 or float64, as it is scaled; got "
          + x.dtype());
    }
    Shape noise = noiseShape(x.shape(), noiseShape);
    if (rate == 0) {
      return x;
    }
    return Exec.run(DropoutDefs.DROPOUT, new DropoutDefs.Attrs(rate, noise.dims(), seed, counter),
        x).get(0);
  }

  private static Shape noiseShape(Shape x, Shape requested) {
    if (requested == null) {
      return x;
    }
    int[] d = requested.dims();
    for (int i = 0; i < d.length; i++) {
      if (d[i] == -1 && d.length == x.rank()) {
        d[i] = x.dim(i);
      }
    }
    Shape noise = Shape.of(d);
    boolean fits = noise.isFullyDefined();
    try {
      fits = fits && Shape.broadcast(noise, x).equals(x);
    } catch (InvalidArgumentException e) {
      fits = false;
    }
    if (!fits) {
      throw InvalidArgumentException.of(OP, "noise_shape " + requested + " does not broadcast to "
          + "the shape of x " + x);
    }
    return noise;
  }
}
