package dev.rill.core.ops.math;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.op.GradientFn;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Builders for elementwise op definitions: a unary or binary function on doubles (and optionally on
 * integers), dtype checks, broadcasting, and a kernel that runs over the shared pool.
 */
public final class Elementwise {
  /** Elements per parallel chunk: below this, threading costs more than it saves. */
  static final int GRAIN = 1 << 15;

  public static final Set<DType> FLOATS = EnumSet.of(DType.FLOAT32, DType.FLOAT64);
  public static final Set<DType> INTEGERS = EnumSet.of(DType.INT32, DType.INT64, DType.UINT8);
  public static final Set<DType> REAL = EnumSet.of(DType.FLOAT32, DType.FLOAT64, DType.INT32,
      DType.INT64, DType.UINT8);
  public static final Set<DType> SIGNED = EnumSet.of(DType.FLOAT32, DType.FLOAT64, DType.INT32,
      DType.INT64);
  /** Real numbers and complex64: what TensorFlow's arithmetic ops (AddV2, Mul, …) accept. */
  public static final Set<DType> NUMERIC = EnumSet.of(DType.FLOAT32, DType.FLOAT64, DType.INT32,
      DType.INT64, DType.UINT8, DType.COMPLEX64);
  public static final Set<DType> SIGNED_OR_COMPLEX = EnumSet.of(DType.FLOAT32, DType.FLOAT64,
      DType.INT32, DType.INT64, DType.COMPLEX64);
  public static final Set<DType> FLOATS_OR_COMPLEX = EnumSet.of(DType.FLOAT32, DType.FLOAT64,
      DType.COMPLEX64);

  private Elementwise() {}

  /** Throws unless {@code dtype} is one of {@code allowed}. */
  public static void requireDType(String op, DType dtype, Set<DType> allowed) {
    if (!allowed.contains(dtype)) {
      throw InvalidArgumentException.of(op, "expected one of " + allowed + ", got " + dtype);
    }
  }

  /**
   * A unary op. {@code integer} may be null when the op takes floating types only.
   */
  public static OpDef<NoAttrs> unary(String name, Set<DType> allowed, DoubleUnaryOperator real,
      LongUnaryOperator integer, GradientFn<NoAttrs> grad) {
    return unary(name, allowed, real, integer, null, grad);
  }

  /** A unary op that also takes complex64 ({@code complex} may be null when it does not). */
  public static OpDef<NoAttrs> unary(String name, Set<DType> allowed, DoubleUnaryOperator real,
      LongUnaryOperator integer, ComplexMath.Unary complex, GradientFn<NoAttrs> grad) {
    return OpDef.of(name,
        (a, in) -> {
          requireDType(name, in.get(0).dtype(), allowed);
          return List.of(in.get(0));
        },
        (a, in, out) -> List.of(mapUnary(in.get(0), real, integer, complex,
            FloatRows.unary(name))),
        grad);
  }

  /** Applies {@code real} (or {@code integer} to integer tensors) to every element. */
  public static Tensor mapUnary(Tensor x, DoubleUnaryOperator real, LongUnaryOperator integer) {
    return mapUnary(x, real, integer, null);
  }

  /** Applies {@code real}, {@code integer} or {@code complex}, by x's dtype, to every element. */
  public static Tensor mapUnary(Tensor x, DoubleUnaryOperator real, LongUnaryOperator integer,
      ComplexMath.Unary complex) {
    return mapUnary(x, real, integer, complex, null);
  }

  private static Tensor mapUnary(Tensor x, DoubleUnaryOperator real, LongUnaryOperator integer,
      ComplexMath.Unary complex, FloatRows.Unary fast) {
    int n = x.size();
    DType dt = x.dtype();
    Object out = Tensor.allocateToOverwrite(dt, n);
    switch (dt) {
      case COMPLEX64 -> ComplexMath.map(x.complexData(), (float[]) out, complex);
      case FLOAT32 -> {
        float[] src = x.floatData();
        float[] dst = (float[]) out;
        Parallel.range(n, GRAIN, (from, to) -> {
          if (fast != null) {
            fast.apply(src, dst, from, to);
            return;
          }
          for (int i = from; i < to; i++) {
            dst[i] = (float) real.applyAsDouble(src[i]);
          }
        });
      }
      case FLOAT64 -> {
        double[] src = x.doubleData();
        double[] dst = (double[]) out;
        Parallel.range(n, GRAIN, (from, to) -> {
          for (int i = from; i < to; i++) {
            dst[i] = real.applyAsDouble(src[i]);
          }
        });
      }
      case INT32 -> {
        int[] src = x.intData();
        int[] dst = (int[]) out;
        for (int i = 0; i < n; i++) {
          dst[i] = (int) integer.applyAsLong(src[i]);
        }
      }
      case INT64 -> {
        long[] src = x.longData();
        long[] dst = (long[]) out;
        for (int i = 0; i < n; i++) {
          dst[i] = integer.applyAsLong(src[i]);
        }
      }
      case UINT8 -> {
        byte[] src = x.uint8Data();
        byte[] dst = (byte[]) out;
        for (int i = 0; i < n; i++) {
          dst[i] = (byte) integer.applyAsLong(src[i] & 0xff);
        }
      }
      default -> throw new IllegalStateException("mapUnary on " + dt);
    }
    return Tensor.wrap(dt, x.shape(), out);
  }

  /** Inference for binary ops: equal dtypes from {@code allowed}, broadcast shapes. */
  public static TensorSpec inferBinary(String op, TensorSpec x, TensorSpec y, Set<DType> allowed) {
    if (x.dtype() != y.dtype()) {
      throw InvalidArgumentException.of(op, "inputs must have the same dtype, got " + x + " and "
          + y);
    }
    requireDType(op, x.dtype(), allowed);
    try {
      return new TensorSpec(x.dtype(), Shape.broadcast(x.shape(), y.shape()));
    } catch (InvalidArgumentException e) {
      throw InvalidArgumentException.of(op, "incompatible shapes " + x.shape() + " and "
          + y.shape());
    }
  }

  /** A binary op with broadcasting whose output has the inputs' dtype. */
  public static OpDef<NoAttrs> binary(String name, Set<DType> allowed, DoubleBinaryOperator real,
      LongBinaryOperator integer, GradientFn<NoAttrs> grad) {
    return binary(name, allowed, real, integer, null, grad);
  }

  /** A binary op that also takes complex64 ({@code complex} may be null when it does not). */
  public static OpDef<NoAttrs> binary(String name, Set<DType> allowed, DoubleBinaryOperator real,
      LongBinaryOperator integer, ComplexMath.Binary complex, GradientFn<NoAttrs> grad) {
    return OpDef.of(name,
        (a, in) -> List.of(inferBinary(name, in.get(0), in.get(1), allowed)),
        (a, in, out) -> List.of(mapBinary(in.get(0), in.get(1), out.get(0).shape(), real,
            integer, complex, FloatRows.binary(name))),
        grad);
  }

  /** Computes {@code f(x, y)} elementwise with broadcasting into {@code outShape}. */
  public static Tensor mapBinary(Tensor x, Tensor y, Shape outShape, DoubleBinaryOperator real,
      LongBinaryOperator integer) {
    return mapBinary(x, y, outShape, real, integer, null);
  }

  /** Like {@link #mapBinary(Tensor, Tensor, Shape, DoubleBinaryOperator, LongBinaryOperator)}. */
  public static Tensor mapBinary(Tensor x, Tensor y, Shape outShape, DoubleBinaryOperator real,
      LongBinaryOperator integer, ComplexMath.Binary complex) {
    return mapBinary(x, y, outShape, real, integer, complex, null);
  }

  private static Tensor mapBinary(Tensor x, Tensor y, Shape outShape, DoubleBinaryOperator real,
      LongBinaryOperator integer, ComplexMath.Binary complex, FloatRows.Binary fast) {
    DType dt = x.dtype();
    int n = outShape.size();
    Object out = Tensor.allocateToOverwrite(dt, n);
    BroadcastRuns.Body body = switch (dt) {
      case FLOAT32 -> {
        float[] a = x.floatData();
        float[] b = y.floatData();
        float[] c = (float[]) out;
        yield fast != null
            ? (ix, sx, iy, sy, o, len) -> fast.apply(a, ix, sx, b, iy, sy, c, o, len)
            : (ix, sx, iy, sy, o, len) -> {
              for (int i = 0; i < len; i++, ix += sx, iy += sy) {
                c[o + i] = (float) real.applyAsDouble(a[ix], b[iy]);
              }
            };
      }
      case FLOAT64 -> {
        double[] a = x.doubleData();
        double[] b = y.doubleData();
        double[] c = (double[]) out;
        yield (ix, sx, iy, sy, o, len) -> {
          for (int i = 0; i < len; i++, ix += sx, iy += sy) {
            c[o + i] = real.applyAsDouble(a[ix], b[iy]);
          }
        };
      }
      case INT32 -> {
        int[] a = x.intData();
        int[] b = y.intData();
        int[] c = (int[]) out;
        yield (ix, sx, iy, sy, o, len) -> {
          for (int i = 0; i < len; i++, ix += sx, iy += sy) {
            c[o + i] = (int) integer.applyAsLong(a[ix], b[iy]);
          }
        };
      }
      case INT64 -> {
        long[] a = x.longData();
        long[] b = y.longData();
        long[] c = (long[]) out;
        yield (ix, sx, iy, sy, o, len) -> {
          for (int i = 0; i < len; i++, ix += sx, iy += sy) {
            c[o + i] = integer.applyAsLong(a[ix], b[iy]);
          }
        };
      }
      case UINT8 -> {
        byte[] a = x.uint8Data();
        byte[] b = y.uint8Data();
        byte[] c = (byte[]) out;
        yield (ix, sx, iy, sy, o, len) -> {
          for (int i = 0; i < len; i++, ix += sx, iy += sy) {
            c[o + i] = (byte) integer.applyAsLong(a[ix] & 0xff, b[iy] & 0xff);
          }
        };
      }
      case COMPLEX64 -> {
        float[] a = x.complexData();
        float[] b = y.complexData();
        float[] c = (float[]) out;
        yield (ix, sx, iy, sy, o, len) -> {
          for (int i = 0; i < len; i++, ix += sx, iy += sy) {
            complex.apply(a[2 * ix], a[2 * ix + 1], b[2 * iy], b[2 * iy + 1], c, 2 * (o + i));
          }
        };
      }
      default -> throw new IllegalStateException("mapBinary on " + dt);
    };
    BroadcastRuns.forEach(x.shape(), y.shape(), outShape, body);
    return Tensor.wrap(dt, outShape, out);
  }
}
