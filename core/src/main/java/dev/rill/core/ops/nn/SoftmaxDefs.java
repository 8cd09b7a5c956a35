package dev.rill.core.ops.nn;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * {@code Softmax} and {@code LogSoftmax} over the last axis of a rank >= 1 float tensor.
 *
 * {@snippet :
 * Tensor p = Exec.run1(SoftmaxDefs.SOFTMAX, Tensor.of(1f, 2f, 3f));  // [0.090, 0.245, 0.665]
 * }
 */
public final class SoftmaxDefs {
  private SoftmaxDefs() {}

  private static final int[] LAST = {-1};

  static List<TensorSpec> inferRows(String op, List<TensorSpec> in) {
    TensorSpec x = in.get(0);
    Elementwise.requireDType(op, x.dtype(), Elementwise.FLOATS);
    if (x.shape().rank() < 1) {
      throw InvalidArgumentException.of(op, "logits must have at least one dimension, got shape "
          + x.shape());
    }
    return List.of(x);
  }

  /** The sum over the last axis, kept as size 1 so it broadcasts back over the row. */
  static Tensor rowSum(Tensor t) {
    return ReduceOps.sum(t, LAST, true);
  }

  // y = softmax(x): dx = (dy - sum(dy * y)) * y, row by row
  public static final OpDef<NoAttrs> SOFTMAX = OpDef.of("Softmax",
      (a, in) -> inferRows("Softmax", in),
      (a, in, out) -> List.of(SoftmaxKernel.run(in.get(0), false)),
      (n, dy) -> List.of(softmaxVjp(dy.get(0), n.output(0))));

  // y = log_softmax(x): dx = dy - exp(y) * sum(dy), row by row
  public static final OpDef<NoAttrs> LOG_SOFTMAX = OpDef.of("LogSoftmax",
      (a, in) -> inferRows("LogSoftmax", in),
      (a, in, out) -> List.of(SoftmaxKernel.run(in.get(0), true)),
      (n, dy) -> {
        Tensor g = dy.get(0);
        return List.of(MathOps.sub(g, MathOps.mul(MathOps.exp(n.output(0)), rowSum(g))));
      });

  /** The vector-Jacobian product of softmax: {@code (dy - sum(dy * y, -1)) * y}. */
  static Tensor softmaxVjp(Tensor dy, Tensor y) {
    return MathOps.mul(MathOps.sub(dy, rowSum(MathOps.mul(dy, y))), y);
  }
}
