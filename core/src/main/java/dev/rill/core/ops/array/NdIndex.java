package dev.rill.core.ops.array;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;

/** Index arithmetic for the nd ops and the row-wise adds that scatters and segment sums share. */
final class NdIndex {
  private NdIndex() {}

  /** Throws unless {@code dtype} can be summed by {@link #scatterAdd}. */
  static void requireSummable(String op, DType dtype) {
    if (!dtype.isNumeric()) {
      throw InvalidArgumentException.of(op, "expected a numeric dtype, got " + dtype);
    }
  }

  /**
   * The flat row that each index tuple of {@code indices} (shape [..., D]) addresses in the first
   * D axes of {@code shape}; an out-of-range tuple is an error naming it.
   */
  static int[] rows(String op, Tensor indices, Shape shape, String what) {
    int depth = indices.shape().dim(-1);
    int m = depth == 0 ? indices.shape().size(0, indices.rank() - 1) : indices.size() / depth;
    int[] strides = shape.sub(0, depth).strides();
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      int flat = 0;
      for (int k = 0; k < depth; k++) {
        long v = Indices.at(indices, i * depth + k);
        if (v < 0 || v >= shape.dim(k)) {
          throw InvalidArgumentException.of(op, "indices"
              + Indices.position(indices.shape().sub(0, indices.rank() - 1), i) + " = "
              + tuple(indices, i, depth) + " does not index into " + what + " of shape " + shape);
        }
        flat += (int) v * strides[k];
      }
      out[i] = flat;
    }
    return out;
  }

  private static String tuple(Tensor indices, int row, int depth) {
    long[] t = new long[depth];
    for (int k = 0; k < depth; k++) {
      t[k] = Indices.at(indices, row * depth + k);
    }
    return Arrays.toString(t);
  }

  /**
   * A tensor of {@code shape} seen as [numRows, inner], zero except that row {@code rows[i]} gets
   * row i of {@code updates} added to it (rows[i] < 0 is skipped).
   */
  static Tensor scatterAdd(Tensor updates, int[] rows, int numRows, int inner, Shape shape) {
    DType dt = updates.dtype();
    Object dst = Tensor.allocate(dt, shape.size());
    int w = dt.isComplex() ? 2 : 1;
    int len = inner * w;
    Object src = updates.data();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0) {
        continue;
      }
      int s = i * len;
      int d = rows[i] * len;
      switch (dst) {
        case float[] b -> {
          float[] a = (float[]) src;
          for (int j = 0; j < len; j++) {
            b[d + j] += a[s + j];
          }
        }
        case double[] b -> {
          double[] a = (double[]) src;
          for (int j = 0; j < len; j++) {
            b[d + j] += a[s + j];
          }
        }
        case int[] b -> {
          int[] a = (int[]) src;
          for (int j = 0; j < len; j++) {
            b[d + j] += a[s + j];
          }
        }
        case long[] b -> {
          long[] a = (long[]) src;
          for (int j = 0; j < len; j++) {
            b[d + j] += a[s + j];
          }
        }
        case byte[] b -> {
          byte[] a = (byte[]) src;
          for (int j = 0; j < len; j++) {
            b[d + j] += a[s + j];
          }
        }
        default -> throw new IllegalStateException("scatterAdd on " + dt);
      }
    }
    return Tensor.wrap(dt, shape, dst);
  }
}
