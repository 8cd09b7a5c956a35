package dev.rill.core.ops.reduce;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;

/**
 * log(sum(exp(x))) over axes without overflow: the maximum m is subtracted before exp and added
 * back after log, as {@code tf.math.reduce_logsumexp}. A composite: its gradient (softmax of x over
 * the axes) comes from the ops it is built of.
 *
 * {@snippet :
 * ReduceOps.logSumExp(Tensor.of(1000f, 1000f));   // 1000 + log 2, where exp alone overflows
 * }
 */
public final class LogSumExp {
  private LogSumExp() {}

  public static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
    if (!x.dtype().isFloating()) {
      throw InvalidArgumentException.of("ReduceLogSumExp", "expected float32 or float64, got "
          + x.dtype() + x.shape());
    }
    Reduction r = Reduction.of("ReduceLogSumExp", x.shape(), axes, keepDims);
    Tensor rawMax = ReduceOps.max(x, axes, true);
    // An infinite (or empty-slice) maximum would turn x - m into NaN; shift by 0 there instead.
    // The shift cancels out, so no gradient needs to flow through it.
    Tensor m = ArrayOps.stopGradient(MathOps.where(MathOps.isFinite(rawMax), rawMax,
        ArrayOps.zerosLike(rawMax)));
    Tensor s = ReduceOps.sum(MathOps.exp(MathOps.sub(x, m)), axes, keepDims);
    Tensor shift = keepDims ? m : ArrayOps.reshape(m, r.outShape().dims());
    return MathOps.add(MathOps.log(s), shift);
  }
}
