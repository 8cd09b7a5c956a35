package dev.rill.core.ops;

import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.linalg.FusedMatMulDefs;
import dev.rill.core.ops.linalg.MatMulDefs;
import dev.rill.core.ops.nn.FusedOps;

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

  /**
   * {@code act(op(a) @ op(b) + bias)} for matrices as one op ({@code _FusedMatMul}), {@code act}
   * relu for {@link FusedOps#BIAS_ADD_RELU}, none for {@link FusedOps#BIAS_ADD}; bit-identical to
   * MatMul, BiasAdd and Relu in turn.
   */
  public static Tensor fusedMatMul(Tensor a, Tensor b, Tensor bias, boolean transposeA,
      boolean transposeB, FusedOps fusedOps) {
    return Exec.run1(FusedMatMulDefs.FUSED_MAT_MUL,
        new FusedMatMulDefs.Attrs(transposeA, transposeB, fusedOps), a, b, bias);
  }
}
