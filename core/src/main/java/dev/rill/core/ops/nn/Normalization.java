package dev.rill.core.ops.nn;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.reduce.Reduction;
import java.util.List;

/**
 * Batch-normalisation helpers composed as TensorFlow composes them: {@code moments},
 * {@code batch_normalization} and the {@code fused_batch_norm} wrapper of {@code FusedBatchNormV3}.
 * The facade for these is {@code NnOps}.
 *
 * {@snippet :
 * Moments m = Normalization.moments(x, new int[] {0}, false);
 * }
 */
public final class Normalization {
  /** {@code fused_batch_norm} raises smaller epsilons to this, as TensorFlow's Python wrapper. */
  public static final double MIN_FUSED_EPSILON = 1.001e-5;

  private Normalization() {}

  /** Mean and biased variance over {@code axes}; the variance treats the mean as a constant. */
  public static Moments moments(Tensor x, int[] axes, boolean keepDims) {
    Tensor mean = ReduceOps.mean(x, axes, true);
    Tensor variance = ReduceOps.mean(
        MathOps.squaredDifference(x, ArrayOps.stopGradient(mean)), axes, true);
    if (!keepDims) {
      Shape out = Reduction.of("Mean", x.shape(), axes, false).outShape();
      mean = ArrayOps.reshape(mean, out.dims());
      variance = ArrayOps.reshape(variance, out.dims());
    }
    return new Moments(mean, variance);
  }

  /**
   * {@code x * inv + (offset - mean * inv)} with {@code inv = scale / sqrt(variance + epsilon)};
   * offset and scale may be null (0 and 1). All inputs broadcast against x.
   */
  public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor offset,
      Tensor scale, double epsilon) {
    Tensor inv = MathOps.rsqrt(MathOps.add(variance, variance.like(epsilon)));
    if (scale != null) {
      inv = MathOps.mul(inv, scale);
    }
    Tensor shift = offset != null ? MathOps.sub(offset, MathOps.mul(mean, inv))
        : MathOps.neg(MathOps.mul(mean, inv));
    return MathOps.add(MathOps.mul(x, inv), shift);
  }

  /**
   * Runs {@code FusedBatchNormV3} on NHWC {@code x}. In training, {@code mean} and {@code variance}
   * may be null unless {@code exponentialAvgFactor != 1}; in inference they are required.
   */
  public static BatchNormOutputs fusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean,
      Tensor variance, double epsilon, boolean isTraining, double exponentialAvgFactor) {
    if (!isTraining && (mean == null || variance == null)) {
      throw InvalidArgumentException.of("FusedBatchNormV3", "inference (is_training=false) needs "
          + "a mean and a variance");
    }
    Tensor empty = Tensor.wrap(scale.dtype(), Shape.of(0), Tensor.allocate(scale.dtype(), 0));
    double eps = Math.max(epsilon, MIN_FUSED_EPSILON);
    var attrs = new BatchNormDefs.Attrs((float) eps, (float) exponentialAvgFactor, "NHWC",
        isTraining);
    List<Tensor> out = Exec.run(BatchNormDefs.FUSED_BATCH_NORM_V3, attrs, x, scale, offset,
        mean == null ? empty : mean, variance == null ? empty : variance);
    return new BatchNormOutputs(out.get(0), out.get(1), out.get(2));
  }
}
