package dev.rill.core.ops.nn;

import dev.rill.core.Tensor;

/**
 * What {@code tf.compat.v1.nn.fused_batch_norm} returns: the normalised output and the mean and
 * variance to keep for inference (in training, the batch mean and the Bessel-corrected batch
 * variance, blended into the given ones when an exponential average factor is set).
 *
 * {@snippet :
 * BatchNormOutputs bn = NnOps.fusedBatchNorm(x, gamma, beta, null, null, 1e-3, true);
 * Tensor y = bn.y();
 * }
 */
public record BatchNormOutputs(Tensor y, Tensor batchMean, Tensor batchVariance) {}
