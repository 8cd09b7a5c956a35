package dev.rill.core.ops.linalg;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.BiasActivation;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Grads;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.core.ops.nn.conv.BiasAddDefs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code _FusedMatMul}: {@code act(MatMul(a, b) + bias)} in one op for matrices, inputs
 * {@code (a, b, bias)}, {@code act} relu or none ({@link FusedOps}). The bias and relu are applied
 * in one pass over the product right after the GEMM, bit-identical to MatMul, BiasAdd and Relu in
 * turn.
 *
 * <p>The gradient reuses the unfused ops: {@code dz} is the upstream gradient masked by
 * {@code y > 0} (ReluGrad), then MatMul's gradients and BiasAddGrad of {@code dz}.
 *
 * {@snippet :
 * var attrs = new FusedMatMulDefs.Attrs(false, false, FusedOps.BIAS_ADD_RELU);
 * Tensor y = Exec.run1(FusedMatMulDefs.FUSED_MAT_MUL, attrs, x, w, b);   // relu(x @ w + b)
 * }
 */
public final class FusedMatMulDefs {
  private FusedMatMulDefs() {}

  /** MatMul's {@code transpose_a/b} and what is fused after the product. */
  public record Attrs(boolean transposeA, boolean transposeB, FusedOps fusedOps) {
    MatMulDefs.Attrs matMul() {
      return new MatMulDefs.Attrs(transposeA, transposeB);
    }
  }

  private static final String NAME = "_FusedMatMul";

  public static final OpDef<Attrs> FUSED_MAT_MUL = OpDef.of(NAME,
      (a, in) -> {
        TensorSpec out = MatMulDefs.infer(NAME, a.matMul(), in.get(0), in.get(1), false);
        FusedOps.requireBias(NAME, out, in.get(2));
        return List.of(out);
      },
      (a, in, out) -> {
        Tensor c = MatMulDefs.compute(a.matMul(), in.get(0), in.get(1), out.get(0).shape());
        int rows = out.get(0).shape().dim(0);
        boolean relu = a.fusedOps().relu();
        // compute() returns a fresh array: the epilogue may work in place
        if (c.dtype() == DType.FLOAT32) {
          BiasActivation.applyParallel(c.floatData(), 0, rows, in.get(2).floatData(), relu);
        } else if (c.dtype() == DType.FLOAT64) {
          BiasActivation.apply(c.doubleData(), 0, rows, in.get(2).doubleData(), relu);
        } else {
          throw InvalidArgumentException.of(NAME, "unsupported dtype " + c.dtype());
        }
        return List.of(c);
      },
      (n, dy) -> {
        Attrs a = n.attr();
        Tensor dz = a.fusedOps().preActivationGradient(dy.get(0), n.output(0));
        List<Tensor> g = new ArrayList<>(MatMulDefs.gradients(a.matMul(), n.input(0),
            n.input(1), dz, n.needsGradient(0), n.needsGradient(1)));
        g.add(n.needsGradient(2)
            ? Exec.run1(BiasAddDefs.BIAS_ADD_GRAD, BiasAddDefs.Attrs.NHWC, dz) : null);
        return Grads.spent(dz, dy.get(0), g);
      });
}
