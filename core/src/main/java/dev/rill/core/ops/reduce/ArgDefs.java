package dev.rill.core.ops.reduce;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ArgMax} and {@code ArgMin}: the index of the largest / smallest element along one axis,
 * as int64 (or int32 by {@code output_type}). Ties go to the smallest index. NaN never wins, as in
 * TensorFlow: it is skipped, and an all-NaN slice gives index 0. No gradient.
 *
 * {@snippet :
 * Tensor logits = Tensor.of(new float[][] {{0.1f, 2f, 2f}, {5f, 1f, 0f}});
 * ReduceOps.argMax(logits, 1);   // int64 [1, 0]
 * }
 */
public final class ArgDefs {
  private ArgDefs() {}

  /** The axis (negative counts from the end) and the index dtype, int32 or int64. */
  public record Attrs(int axis, DType outputType) {
    public static final DType OUTPUT_TYPE_DEFAULT = DType.INT64;

    public Attrs(int axis) {
      this(axis, OUTPUT_TYPE_DEFAULT);
    }
  }

  private static final Set<DType> TYPES = EnumSet.of(DType.FLOAT32, DType.FLOAT64, DType.INT32,
      DType.INT64, DType.UINT8, DType.BOOL);

  public static final OpDef<Attrs> ARG_MAX = arg("ArgMax", true);
  public static final OpDef<Attrs> ARG_MIN = arg("ArgMin", false);

  private static OpDef<Attrs> arg(String name, boolean max) {
    return OpDef.of(name,
        (a, in) -> List.of(infer(name, a, in.get(0))),
        (a, in, out) -> List.of(run(in.get(0), Shape.normalizeAxis(a.axis(), in.get(0).rank()),
            out.get(0), max)),
        null);
  }

  private static TensorSpec infer(String name, Attrs a, TensorSpec x) {
    Elementwise.requireDType(name, x.dtype(), TYPES);
    if (a.outputType() != DType.INT32 && a.outputType() != DType.INT64) {
      throw InvalidArgumentException.of(name, "output_type must be int32 or int64, got "
          + a.outputType());
    }
    int rank = x.shape().rank();
    if (a.axis() < -rank || a.axis() >= rank) {
      throw InvalidArgumentException.of(name, "axis " + a.axis() + " is out of range for input "
          + "of shape " + x.shape() + " (expected [" + (-rank) + ", " + rank + "))");
    }
    int axis = Shape.normalizeAxis(a.axis(), rank);
    Shape s = x.shape();
    if (s.dim(axis) == 0) {
      throw InvalidArgumentException.of(name, "reduction axis " + a.axis() + " is empty in shape "
          + s);
    }
    int[] out = new int[rank - 1];
    for (int i = 0, k = 0; i < rank; i++) {
      if (i != axis) {
        out[k++] = s.dim(i);
      }
    }
    return new TensorSpec(a.outputType(), Shape.of(out));
  }

  /** Walks [outer, len, inner] with the reduced axis in the middle, inner rows contiguous. */
  private static Tensor run(Tensor x, int axis, TensorSpec spec, boolean max) {
    Shape s = x.shape();
    int outer = s.size(0, axis);
    int len = s.dim(axis);
    int inner = s.size(axis + 1, s.rank());
    int[] best = new int[outer * inner];
    if (x.dtype() == DType.FLOAT32) {
      float[] v = x.floatData();
      for (int o = 0; o < outer; o++) {
        int base = o * len * inner;
        for (int k = 1; k < len; k++) {
          for (int i = 0; i < inner; i++) {
            float cur = v[base + best[o * inner + i] * inner + i];
            float cand = v[base + k * inner + i];
            // strictly better, or replacing a NaN: NaN itself never wins
            if (max ? cand > cur || (cur != cur && cand == cand)
                : cand < cur || (cur != cur && cand == cand)) {
              best[o * inner + i] = k;
            }
          }
        }
      }
    } else {
      for (int o = 0; o < outer; o++) {
        int base = o * len * inner;
        for (int k = 1; k < len; k++) {
          for (int i = 0; i < inner; i++) {
            if (better(x, base + k * inner + i, base + best[o * inner + i] * inner + i, max)) {
              best[o * inner + i] = k;
            }
          }
        }
      }
    }
    if (spec.dtype() == DType.INT32) {
      return Tensor.wrap(DType.INT32, spec.shape(), best);
    }
    long[] idx = new long[best.length];
    for (int i = 0; i < best.length; i++) {
      idx[i] = best[i];
    }
    return Tensor.wrap(DType.INT64, spec.shape(), idx);
  }

  /** Whether x[cand] beats x[cur]: strictly better, or replacing a NaN (NaN itself never wins). */
  private static boolean better(Tensor x, int cand, int cur, boolean max) {
    if (x.dtype() == DType.INT64) {
      long a = x.longData()[cand];
      long b = x.longData()[cur];
      return max ? a > b : a < b;
    }
    double a = x.getDouble(cand);
    double b = x.getDouble(cur);
    if (a != a) {
      return false;
    }
    return b != b || (max ? a > b : a < b);
  }
}
