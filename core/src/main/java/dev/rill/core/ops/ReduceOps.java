package dev.rill.core.ops;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.reduce.ArgDefs;
import dev.rill.core.ops.reduce.ExtremaDefs;
import dev.rill.core.ops.reduce.L2LossDefs;
import dev.rill.core.ops.reduce.LogSumExp;
import dev.rill.core.ops.reduce.LogicalReduceDefs;
import dev.rill.core.ops.reduce.ProdDefs;
import dev.rill.core.ops.reduce.ReduceDefs;
import dev.rill.core.ops.reduce.Reduction;

/**
 * Reductions over axes, named as {@code tf.math.reduce_*}. Axes may be negative; null axes reduce
 * every axis; {@code keepDims} keeps reduced axes as size 1.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
 * ReduceOps.sum(x, new int[] {1}, false);   // [3, 7]
 * }
 */
public final class ReduceOps {
  private ReduceOps() {}

  public static Tensor sum(Tensor x) {
    return sum(x, null, false);
  }

  public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(ReduceDefs.SUM, new Reduction.Attrs(axes, keepDims), x);
  }

  public static Tensor mean(Tensor x) {
    return mean(x, null, false);
  }

  public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(ReduceDefs.MEAN, new Reduction.Attrs(axes, keepDims), x);
  }

  // ---- max, min, prod, all, any, argMax, argMin, logSumExp, l2Loss (h-math) ----

  /**
   * The largest element ({@code tf.reduce_max}); NaN propagates; -inf (or the integer type's
   * lowest value) for no elements.
   *
   * {@snippet :
   * ReduceOps.max(Tensor.of(3f, 9f, 4f));   // 9
   * }
   */
  public static Tensor max(Tensor x) {
    return max(x, null, false);
  }

  /**
   * The largest element over {@code axes}. The gradient is shared equally among tied maxima.
   *
   * {@snippet :
   * Tensor x = Tensor.of(new float[][] {{1, 5}, {7, 2}});
   * ReduceOps.max(x, new int[] {1}, true);   // [[5], [7]]
   * }
   */
  public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(ExtremaDefs.MAX, new Reduction.Attrs(axes, keepDims), x);
  }

  /**
   * The smallest element ({@code tf.reduce_min}); +inf (or the type's highest value) for none.
   *
   * {@snippet :
   * ReduceOps.min(Tensor.of(3f, 9f, 4f));   // 3
   * }
   */
  public static Tensor min(Tensor x) {
    return min(x, null, false);
  }

  /** The smallest element over {@code axes}; the gradient is shared among tied minima. */
  public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(ExtremaDefs.MIN, new Reduction.Attrs(axes, keepDims), x);
  }

  /**
   * The product of all elements ({@code tf.reduce_prod}); 1 for none.
   *
   * {@snippet :
   * ReduceOps.prod(Tensor.of(2f, 3f, 4f));   // 24
   * }
   */
  public static Tensor prod(Tensor x) {
    return prod(x, null, false);
  }

  /**
   * The product over {@code axes}. The gradient of an element is the product of the others in its
   * group, which is right for zeros too.
   *
   * {@snippet :
   * ReduceOps.prod(Tensor.of(new float[][] {{1, 2}, {3, 4}}), new int[] {0}, false);   // [3, 8]
   * }
   */
  public static Tensor prod(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(ProdDefs.PROD, new Reduction.Attrs(axes, keepDims), x);
  }

  /**
   * True if every element of a bool tensor is true ({@code tf.reduce_all}); true for none.
   *
   * {@snippet :
   * ReduceOps.all(Tensor.of(true, false));   // false
   * }
   */
  public static Tensor all(Tensor x) {
    return all(x, null, false);
  }

  /** Logical AND over {@code axes}. */
  public static Tensor all(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(LogicalReduceDefs.ALL, new Reduction.Attrs(axes, keepDims), x);
  }

  /**
   * True if any element of a bool tensor is true ({@code tf.reduce_any}); false for none.
   *
   * {@snippet :
   * ReduceOps.any(Tensor.of(true, false));   // true
   * }
   */
  public static Tensor any(Tensor x) {
    return any(x, null, false);
  }

  /** Logical OR over {@code axes}. */
  public static Tensor any(Tensor x, int[] axes, boolean keepDims) {
    return Exec.run1(LogicalReduceDefs.ANY, new Reduction.Attrs(axes, keepDims), x);
  }

  /** The index of the largest element along axis 0, as int64 ({@code tf.argmax} default). */
  public static Tensor argMax(Tensor x) {
    return argMax(x, 0);
  }

  /**
   * The index of the largest element along {@code axis}, as int64; ties give the smallest index
   * and NaN never wins.
   *
   * {@snippet :
   * Tensor logits = Tensor.of(new float[][] {{0.1f, 2f, 2f}, {5f, 1f, 0f}});
   * ReduceOps.argMax(logits, 1);   // int64 [1, 0]
   * }
   */
  public static Tensor argMax(Tensor x, int axis) {
    return argMax(x, axis, ArgDefs.Attrs.OUTPUT_TYPE_DEFAULT);
  }

  /** Like {@link #argMax(Tensor, int)}, with the index dtype: int32 or int64. */
  public static Tensor argMax(Tensor x, int axis, DType outputType) {
    return Exec.run1(ArgDefs.ARG_MAX, new ArgDefs.Attrs(axis, outputType), x);
  }

  /** The index of the smallest element along axis 0, as int64. */
  public static Tensor argMin(Tensor x) {
    return argMin(x, 0);
  }

  /**
   * The index of the smallest element along {@code axis}, as int64; ties give the smallest index.
   *
   * {@snippet :
   * ReduceOps.argMin(Tensor.of(4f, 1f, 1f));   // 1
   * }
   */
  public static Tensor argMin(Tensor x, int axis) {
    return argMin(x, axis, ArgDefs.Attrs.OUTPUT_TYPE_DEFAULT);
  }

  /** Like {@link #argMin(Tensor, int)}, with the index dtype: int32 or int64. */
  public static Tensor argMin(Tensor x, int axis, DType outputType) {
    return Exec.run1(ArgDefs.ARG_MIN, new ArgDefs.Attrs(axis, outputType), x);
  }

  /**
   * log(sum(exp(x))) over all elements, computed without overflow
   * ({@code tf.math.reduce_logsumexp}).
   *
   * {@snippet :
   * ReduceOps.logSumExp(Tensor.of(1000f, 1000f));   // 1000.6931, where exp alone overflows
   * }
   */
  public static Tensor logSumExp(Tensor x) {
    return logSumExp(x, null, false);
  }

  /**
   * log(sum(exp(x))) over {@code axes}; the gradient is the softmax of x over those axes.
   *
   * {@snippet :
   * Tensor logits = Tensor.of(new float[][] {{1, 2, 3}, {-1e30f, 0, 0}});
   * ReduceOps.logSumExp(logits, new int[] {1}, false);   // [3.4076, 0.6931]
   * }
   */
  public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
    return LogSumExp.apply(x, axes, keepDims);
  }

  /**
   * sum(x^2) / 2 as a scalar ({@code tf.nn.l2_loss}, op {@code L2Loss}), the usual weight-decay
   * term; its gradient is x.
   *
   * {@snippet :
   * Tensor decay = ReduceOps.l2Loss(weights).mul(0.004f);
   * ReduceOps.l2Loss(Tensor.of(1f, 2f, 3f));   // 7
   * }
   */
  public static Tensor l2Loss(Tensor x) {
    return Exec.run1(L2LossDefs.L2_LOSS, NoAttrs.INSTANCE, x);
  }

  // ---- end h-math ----
}
