package dev.rill.core.ops.nn;

import dev.rill.core.Tensor;

/**
 * The mean and (biased) variance of a tensor over some axes, as {@code tf.nn.moments} returns them.
 *
 * {@snippet :
 * Moments m = NnOps.moments(x, new int[] {0, 1, 2}, false);
 * Tensor y = NnOps.batchNormalization(x, m.mean(), m.variance(), beta, gamma, 1e-3);
 * }
 */
public record Moments(Tensor mean, Tensor variance) {}
