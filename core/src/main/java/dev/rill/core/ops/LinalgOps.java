package dev.rill.core.ops;

import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.linalg.MatMulDefs;

/**
 * Linear algebra, named as {@code tf.linalg}.
 *
 * {@snippet :
 * Tensor c = LinalgOps.matmul(a, b, false, true);   // a @ b^T
 * }
 */
public final class LinalgOps {
  private LinalgOps() {}

  public static Tensor matmul(Tensor a, Tensor b) {
    return matmul(a, b, false, false);
  }

  /**
   * Matrix product of the last two dimensions; leading (batch) dimensions broadcast, as
   * {@code tf.linalg.matmul}.
   */
  public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
    var attrs = new MatMulDefs.Attrs(transposeA, transposeB);
    if (a.rank() == 2 && b.rank() == 2) {
      return Exec.run1(MatMulDefs.MAT_MUL, attrs, a, b);
    }
    return Exec.run1(MatMulDefs.BATCH_MAT_MUL, attrs, a, b);
  }
}
