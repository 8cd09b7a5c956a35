package dev.rill.core.ops;

import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
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
}
