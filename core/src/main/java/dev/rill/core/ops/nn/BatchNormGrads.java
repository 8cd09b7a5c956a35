package dev.rill.core.ops.nn;

import dev.rill.core.Tensor;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import java.util.List;

/**
 * The gradient of fused batch norm written with differentiable ops. It gives the same values as
 * {@code FusedBatchNormGradV3}; it is used when an enclosing tape records the gradient, so that
 * gradients of gradients work. In training mode the batch statistics are recomputed from x, since
 * they depend on it.
 */
final class BatchNormGrads {
  /** N, H and W of NHWC: the axes statistics are taken over. */
  private static final int[] NHW = {0, 1, 2};

  private BatchNormGrads() {}

  /** dx, dscale, doffset for upstream gradient {@code g} of y. */
  static List<Tensor> composite(Tensor g, Tensor x, Tensor scale, Tensor mean, Tensor variance,
      float epsilon, boolean training) {
    Tensor eps = x.like(epsilon);
    Tensor dOffset = ReduceOps.sum(g, NHW, false);
    if (!training) {
      // y = scale * inv * (x - mean) + offset with mean and variance constant
      Tensor inv = MathOps.rsqrt(MathOps.add(variance, eps));
      Tensor xhat = MathOps.mul(MathOps.sub(x, mean), inv);
      Tensor dx = MathOps.mul(g, MathOps.mul(scale, inv));
      return List.of(dx, ReduceOps.sum(MathOps.mul(g, xhat), NHW, false), dOffset);
    }
    Tensor batchMean = ReduceOps.mean(x, NHW, true);
    Tensor centered = MathOps.sub(x, batchMean);
    Tensor batchVar = ReduceOps.mean(MathOps.square(centered), NHW, true);
    Tensor inv = MathOps.rsqrt(MathOps.add(batchVar, eps));
    Tensor xhat = MathOps.mul(centered, inv);
    Tensor gXhat = MathOps.mul(g, xhat);
    // dx = scale * inv * (g - mean(g) - xhat * mean(g * xhat))
    Tensor inner = MathOps.sub(MathOps.sub(g, ReduceOps.mean(g, NHW, true)),
        MathOps.mul(xhat, ReduceOps.mean(gXhat, NHW, true)));
    Tensor dx = MathOps.mul(MathOps.mul(scale, inv), inner);
    return List.of(dx, ReduceOps.sum(gXhat, NHW, false), dOffset);
  }
}
