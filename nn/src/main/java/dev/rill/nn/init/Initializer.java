package dev.rill.nn.init;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;

/**
 * Makes the initial value of a variable from its shape and dtype, drawing any randomness from the
 * given {@link Rng} (a layer passes its scope's, so a seeded run repeats). The factories are in
 * {@link Initializers}.
 *
 * {@snippet :
 * Initializer init = Initializers.glorotUniform();
 * Tensor w = init.apply(Shape.of(784, 10), DType.FLOAT32, new Rng(42));
 * }
 */
@FunctionalInterface
public interface Initializer {
  /** A tensor of {@code shape} and {@code dtype}. */
  Tensor apply(Shape shape, DType dtype, Rng rng);

  /** {@link #apply(Shape, DType, Rng)} with the current scope's random numbers. */
  default Tensor apply(Shape shape, DType dtype) {
    return apply(shape, dtype, Scope.current().rng());
  }
}
