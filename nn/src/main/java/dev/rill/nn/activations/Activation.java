package dev.rill.nn.activations;

import dev.rill.core.Tensor;

/**
 * An elementwise (or, for softmax, last-axis) function applied to a layer's output. The common
 * ones are constants of {@link Activations}; any lambda works too. Layers take null for linear.
 *
 * {@snippet :
 * Activation leaky = x -> MathOps.maximum(x, x.mul(0.2f));
 * Tensor h = Layers.dense(x, 128, leaky);
 * }
 */
@FunctionalInterface
public interface Activation {
  Tensor apply(Tensor x);
}
