package dev.rill.core.ops.math;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.MathOps;
import java.util.Collections;
import java.util.List;

/** {@code Cast}: converts between numeric and bool types as C's static_cast does. */
public final class CastDefs {
  private CastDefs() {}

  /** The target type ({@code DstT} in TensorFlow). */
  public record Attrs(DType to) {}

  public static final OpDef<Attrs> CAST = OpDef.of("Cast",
      (a, in) -> {
        DType from = in.get(0).dtype();
        if ((from == DType.STRING) != (a.to() == DType.STRING)) {
          throw InvalidArgumentException.of("Cast", "cannot cast " + from + " to " + a.to());
        }
        return List.of(new TensorSpec(a.to(), in.get(0).shape()));
      },
      (a, in, out) -> List.of(cast(in.get(0), a.to())),
      (n, dy) -> {
        DType from = n.input(0).dtype();
        boolean flows = from.isDifferentiable() && n.attr().to().isDifferentiable();
        return Collections.singletonList(flows ? MathOps.cast(dy.get(0), from) : null);
      });

  static Tensor cast(Tensor x, DType to) {
    if (x.dtype() == to) {
      return x;
    }
    int n = x.size();
    Object out = Tensor.allocate(to, n);
    if (CastRows.cast(x.dtype(), x.data(), to, out, n)) {
      return Tensor.wrap(to, x.shape(), out);
    }
    if (x.dtype() == DType.COMPLEX64) {
      float[] c = x.complexData();
      for (int i = 0; i < n; i++) {
        store(out, to, i, c[2 * i]);
      }
    } else if (x.dtype() == DType.INT64 && to != DType.FLOAT32 && to != DType.FLOAT64) {
      long[] l = x.longData();
      for (int i = 0; i < n; i++) {
        storeLong(out, to, i, l[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        store(out, to, i, x.getDouble(i));
      }
    }
    return Tensor.wrap(to, x.shape(), out);
  }

  private static void store(Object out, DType to, int i, double v) {
    switch (to) {
      case FLOAT32 -> ((float[]) out)[i] = (float) v;
      case FLOAT64 -> ((double[]) out)[i] = v;
      case INT32 -> ((int[]) out)[i] = (int) (long) v;
      case INT64 -> ((long[]) out)[i] = (long) v;
      case UINT8 -> ((byte[]) out)[i] = (byte) (long) v;
      case BOOL -> ((boolean[]) out)[i] = v != 0;
      case COMPLEX64 -> ((float[]) out)[2 * i] = (float) v;
      case STRING -> throw new IllegalStateException();
    }
  }

  private static void storeLong(Object out, DType to, int i, long v) {
    switch (to) {
      case INT32 -> ((int[]) out)[i] = (int) v;
      case INT64 -> ((long[]) out)[i] = v;
      case UINT8 -> ((byte[]) out)[i] = (byte) v;
      case BOOL -> ((boolean[]) out)[i] = v != 0;
      default -> store(out, to, i, v);
    }
  }
}
