package dev.rill.core.ops.array;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * Ops that make new tensors from a few numbers: {@code Range}, {@code LinSpace} and
 * {@code OneHot}. None has a gradient (as in TensorFlow).
 *
 * {@snippet :
 * ArrayOps.range(0, 10, 3);                  // int32 [0, 3, 6, 9]
 * ArrayOps.oneHot(Tensor.of(2, 0), 3);       // [[0, 0, 1], [1, 0, 0]]
 * }
 */
public final class CreationDefs {
  private CreationDefs() {}

  /**
   * The numbers {@code start, start + delta, ...} strictly before {@code limit}. The values live
   * in the attributes because they decide the output's length.
   */
  public record RangeAttrs(DType dtype, double start, double limit, double delta) {}

  public record LinSpaceAttrs(int num) {}

  /** The depth of the new axis and where it goes (-1: last). */
  public record OneHotAttrs(int depth, int axis) {}

  public static final OpDef<RangeAttrs> RANGE = OpDef.of("Range",
      (a, in) -> List.of(new TensorSpec(a.dtype(), Shape.of(rangeSize(a)))),
      (a, in, out) -> List.of(range(a, out.get(0).shape())),
      null);

  /** Inputs: start and stop scalars; {@code num} evenly spaced values, both ends included. */
  public static final OpDef<LinSpaceAttrs> LIN_SPACE = OpDef.of("LinSpace",
      (a, in) -> {
        TensorSpec s = in.get(0);
        Elementwise.requireDType("LinSpace", s.dtype(), Elementwise.FLOATS);
        if (!s.equals(in.get(1)) || !s.shape().isScalar()) {
          throw InvalidArgumentException.of("LinSpace", "start and stop must be scalars of the "
              + "same floating dtype, got " + s + " and " + in.get(1));
        }
        if (a.num() <= 0) {
          throw InvalidArgumentException.of("LinSpace", "num must be > 0, got " + a.num());
        }
        return List.of(new TensorSpec(s.dtype(), Shape.of(a.num())));
      },
      (a, in, out) -> List.of(linSpace(in.get(0), in.get(1), a.num())),
      null);

  /** Inputs: indices (uint8, int32 or int64), on value, off value. */
  public static final OpDef<OneHotAttrs> ONE_HOT = OpDef.of("OneHot",
      (a, in) -> {
        Shape s = in.get(0).shape();
        DType it = in.get(0).dtype();
        if (it != DType.UINT8 && it != DType.INT32 && it != DType.INT64) {
          throw InvalidArgumentException.of("OneHot", "indices must be uint8, int32 or int64, got "
              + it);
        }
        if (!in.get(1).shape().isScalar() || !in.get(1).equals(in.get(2))) {
          throw InvalidArgumentException.of("OneHot", "on and off values must be scalars of one "
              + "dtype, got " + in.get(1) + " and " + in.get(2));
        }
        if (a.depth() < 0) {
          throw InvalidArgumentException.of("OneHot", "depth must be >= 0, got " + a.depth());
        }
        if (a.axis() < -1 || a.axis() > s.rank()) {
          throw InvalidArgumentException.of("OneHot", "axis must be -1 or in [0, " + s.rank()
              + "] for indices of shape " + s + ", got " + a.axis());
        }
        int ax = a.axis() == -1 ? s.rank() : a.axis();
        int[] d = GatherDefs.concat(s.sub(0, ax).dims(), new int[] {a.depth()},
            s.sub(ax, s.rank()).dims());
        return List.of(new TensorSpec(in.get(1).dtype(), Shape.of(d)));
      },
      (a, in, out) -> List.of(oneHot(in.get(0), in.get(1), in.get(2), a, out.get(0).shape())),
      null);

  private static int rangeSize(RangeAttrs a) {
    DType t = a.dtype();
    if (t != DType.INT32 && t != DType.INT64 && !t.isFloating()) {
      throw InvalidArgumentException.of("Range", "dtype must be int32, int64, float32 or float64, "
          + "got " + t);
    }
    double start = a.start();
    double limit = a.limit();
    double delta = a.delta();
    if (delta == 0) {
      throw InvalidArgumentException.of("Range", "delta must be non-zero, got 0");
    }
    if (delta > 0 ? start > limit : start < limit) {
      throw InvalidArgumentException.of("Range", "start " + start + " must be "
          + (delta > 0 ? "<=" : ">=") + " limit " + limit + " when delta is " + delta);
    }
    double size;
    if (t.isFloating()) {
      size = t == DType.FLOAT32
          ? Math.ceil(Math.abs(((float) limit - (float) start) / (float) delta))
          : Math.ceil(Math.abs((limit - start) / delta));
    } else {
      long span = Math.abs((long) limit - (long) start);
      long step = Math.abs((long) delta);
      size = (span + step - 1) / step;
    }
    if (size > Integer.MAX_VALUE) {
      throw InvalidArgumentException.of("Range", "too many elements: " + size);
    }
    return (int) size;
  }

  /** {@code start + i * delta} computed in the output dtype, as TensorFlow does. */
  private static Tensor range(RangeAttrs a, Shape shape) {
    int n = shape.size();
    Object out = Tensor.allocate(a.dtype(), n);
    switch (out) {
      case float[] f -> {
        float start = (float) a.start();
        float delta = (float) a.delta();
        for (int i = 0; i < n; i++) {
          f[i] = start + i * delta;
        }
      }
      case double[] d -> {
        for (int i = 0; i < n; i++) {
          d[i] = a.start() + i * a.delta();
        }
      }
      case int[] d -> {
        for (int i = 0; i < n; i++) {
          d[i] = (int) ((long) a.start() + (long) i * (long) a.delta());
        }
      }
      case long[] d -> {
        for (int i = 0; i < n; i++) {
          d[i] = (long) a.start() + (long) i * (long) a.delta();
        }
      }
      default -> throw new IllegalStateException();
    }
    return Tensor.wrap(a.dtype(), shape, out);
  }

  /** start + step * i in the dtype's precision, with the last value exactly stop. */
  private static Tensor linSpace(Tensor start, Tensor stop, int num) {
    if (start.dtype() == DType.FLOAT32) {
      float s = start.floatData()[0];
      float e = stop.floatData()[0];
      float[] out = new float[num];
      float step = num == 1 ? 0f : (e - s) / (num - 1);
      for (int i = 0; i < num - 1; i++) {
        out[i] = s + step * i;
      }
      out[num - 1] = num == 1 ? s : e;
      return Tensor.wrap(DType.FLOAT32, Shape.of(num), out);
    }
    double s = start.doubleData()[0];
    double e = stop.doubleData()[0];
    double[] out = new double[num];
    double step = num == 1 ? 0 : (e - s) / (num - 1);
    for (int i = 0; i < num - 1; i++) {
      out[i] = s + step * i;
    }
    out[num - 1] = num == 1 ? s : e;
    return Tensor.wrap(DType.FLOAT64, Shape.of(num), out);
  }

  /** Fills with off, then sets on where the index matches; out-of-range indices stay all off. */
  private static Tensor oneHot(Tensor indices, Tensor on, Tensor off, OneHotAttrs a, Shape shape) {
    Tensor filled = ShapeDefs.broadcast(off, shape);
    Object dst = filled.data();
    int w = on.dtype().isComplex() ? 2 : 1;
    Shape s = indices.shape();
    int ax = a.axis() == -1 ? s.rank() : a.axis();
    int inner = s.size(ax, s.rank());
    int depth = a.depth();
    for (int i = 0; i < indices.size(); i++) {
      long v = indices.dtype() == DType.UINT8 ? indices.uint8Data()[i] & 0xff
          : Indices.at(indices, i);
      if (v >= 0 && v < depth) {
        int o = i / inner;
        int pos = (o * depth + (int) v) * inner + (i - o * inner);
        System.arraycopy(on.data(), 0, dst, pos * w, w);
      }
    }
    return filled;
  }
}
