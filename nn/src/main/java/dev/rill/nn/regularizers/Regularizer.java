package dev.rill.nn.regularizers;

import dev.rill.core.Tensor;

/**
 * A penalty on a weight, a scalar added to the training loss. Layers compute it for their kernel
 * (and bias) on every call and record it in the current {@code Scope}; the model function adds
 * {@code Losses.getRegularizationLoss()} to its loss. Factories are in {@link Regularizers}.
 *
 * {@snippet :
 * Regularizer r = Regularizers.l2(1e-4);
 * Tensor penalty = r.apply(kernel.value());   // 1e-4 * sum(kernel^2)
 * }
 */
@FunctionalInterface
public interface Regularizer {
  /** The scalar penalty for {@code weights}, of their dtype. */
  Tensor apply(Tensor weights);
}
