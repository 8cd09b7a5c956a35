package dev.rill.core.ops.linalg;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.kernel.Gemm;
import dev.rill.core.kernel.gemm.Sgemm;
import dev.rill.core.op.Node;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.LinalgOps;
import dev.rill.core.ops.math.Elementwise;
import dev.rill.core.ops.math.Grads;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code MatMul} (rank 2) and {@code BatchMatMulV2} (rank 3 and up, batch dimensions broadcast).
 */
public final class MatMulDefs {
  private MatMulDefs() {}

  /** Whether each operand is used transposed ({@code transpose_a/b}, or {@code adj_x/y}). */
  public record Attrs(boolean transposeA, boolean transposeB) {}

  public static final OpDef<Attrs> MAT_MUL = OpDef.of("MatMul",
      (a, in) -> List.of(infer("MatMul", a, in.get(0), in.get(1), false)),
      (a, in, out) -> List.of(compute(a, in.get(0), in.get(1), out.get(0).shape())),
      MatMulDefs::grad);

  public static final OpDef<Attrs> BATCH_MAT_MUL = OpDef.of("BatchMatMulV2",
      (a, in) -> List.of(infer("BatchMatMulV2", a, in.get(0), in.get(1), true)),
      (a, in, out) -> List.of(compute(a, in.get(0), in.get(1), out.get(0).shape())),
      MatMulDefs::grad);

  static TensorSpec infer(String op, Attrs a, TensorSpec x, TensorSpec y, boolean batch) {
    if (x.dtype() != y.dtype()) {
      throw InvalidArgumentException.of(op, "operands must have the same dtype, got " + x + " and "
          + y);
    }
    Elementwise.requireDType(op, x.dtype(), EnumSet.of(DType.FLOAT32, DType.FLOAT64));
    Shape s = x.shape();
    Shape t = y.shape();
    if (batch ? s.rank() < 2 || t.rank() < 2 : s.rank() != 2 || t.rank() != 2) {
      throw InvalidArgumentException.of(op, "expected " + (batch ? "rank >= 2" : "matrices")
          + ", got shapes " + s + " and " + t);
    }
    int m = s.dim(a.transposeA() ? -1 : -2);
    int kx = s.dim(a.transposeA() ? -2 : -1);
    int ky = t.dim(a.transposeB() ? -1 : -2);
    int n = t.dim(a.transposeB() ? -2 : -1);
    if (kx != ky) {
      throw InvalidArgumentException.of(op, "inner dimensions differ: lhs " + s
          + (a.transposeA() ? " (transposed)" : "") + ", rhs " + t
          + (a.transposeB() ? " (transposed)" : ""));
    }
    Shape batchShape;
    try {
      batchShape = Shape.broadcast(s.sub(0, s.rank() - 2), t.sub(0, t.rank() - 2));
    } catch (InvalidArgumentException e) {
      throw InvalidArgumentException.of(op, "batch dimensions of " + s + " and " + t
          + " cannot be broadcast");
    }
    return new TensorSpec(x.dtype(), batchShape.append(m, n));
  }

  static Tensor compute(Attrs a, Tensor x, Tensor y, Shape out) {
    int r = out.rank();
    int m = out.dim(r - 2);
    int n = out.dim(r - 1);
    int k = x.shape().dim(a.transposeA() ? -2 : -1);
    Shape batch = out.sub(0, r - 2);
    int[] xs = Broadcast.stridesFor(x.shape().sub(0, x.rank() - 2), batch);
    int[] ys = Broadcast.stridesFor(y.shape().sub(0, y.rank() - 2), batch);
    int batches = batch.size();
    int xMat = m * k;
    int yMat = k * n;
    boolean f32 = x.dtype() == DType.FLOAT32;
    Object c = Tensor.allocateToOverwrite(x.dtype(), out.size());
    if (f32 && batches == 1 && m > Sgemm.FEW_ROWS) {
      Sgemm.PackedB packed = PackedWeights.lookup(y, a.transposeB(), n, k);
      if (packed != null) {
        Gemm.sgemm(a.transposeA(), m, x.floatData(), 0, packed, (float[]) c, 0);
        return Tensor.wrap(x.dtype(), out, c);
      }
    }
    int[] idx = new int[batch.rank()];
    for (int bIdx = 0; bIdx < batches; bIdx++) {
      int xo = 0;
      int yo = 0;
      for (int d = 0, rem = bIdx; d < batch.rank(); d++) {
        int inner = batch.size(d + 1, batch.rank());
        idx[d] = rem / inner;
        rem %= inner;
        xo += idx[d] * xs[d];
        yo += idx[d] * ys[d];
      }
      if (f32) {
        Gemm.sgemm(a.transposeA(), a.transposeB(), m, n, k, x.floatData(), xo * xMat,
            y.floatData(), yo * yMat, (float[]) c, bIdx * m * n);
      } else {
        Gemm.dgemm(a.transposeA(), a.transposeB(), m, n, k, x.doubleData(), xo * xMat,
            y.doubleData(), yo * yMat, (double[]) c, bIdx * m * n);
      }
    }
    return Tensor.wrap(x.dtype(), out, c);
  }

  private static List<Tensor> grad(Node<Attrs> node, List<Tensor> upstream) {
    return gradients(node.attr(), node.input(0), node.input(1), upstream.get(0),
        node.needsGradient(0), node.needsGradient(1));
  }

  /** The gradients of {@code x @ y} (as {@code a} says) given {@code g}; null where not needed. */
  static List<Tensor> gradients(Attrs a, Tensor x, Tensor y, Tensor g, boolean needX,
      boolean needY) {
    boolean ta = a.transposeA();
    boolean tb = a.transposeB();
    Tensor gx = null;
    Tensor gy = null;
    if (needX) {
      gx = ta ? (tb ? LinalgOps.matmul(y, g, true, true) : LinalgOps.matmul(y, g, false, true))
          : LinalgOps.matmul(g, y, false, !tb);
      gx = Grads.unbroadcast(gx, x.shape());
    }
    if (needY) {
      gy = tb ? (ta ? LinalgOps.matmul(g, x, true, true) : LinalgOps.matmul(g, x, true, false))
          : LinalgOps.matmul(x, g, !ta, false);
      gy = Grads.unbroadcast(gy, y.shape());
    }
    return java.util.Arrays.asList(gx, gy);
  }
}
