package dev.rill.core.ops;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.math.BinaryDefs;
import dev.rill.core.ops.math.CastDefs;
import dev.rill.core.ops.math.CompareDefs;
import dev.rill.core.ops.math.ComplexDefs;
import dev.rill.core.ops.math.LogicalDefs;
import dev.rill.core.ops.math.SelectDefs;
import dev.rill.core.ops.math.UnaryDefs;

/**
 * Elementwise math, named as {@code tf.math}. Binary ops broadcast as NumPy does and require both
 * inputs to have the same dtype.
 *
 * {@snippet :
 * Tensor y = MathOps.add(Tensor.of(1f, 2f), Tensor.scalar(10f));  // [11, 12]
 * }
 */
public final class MathOps {
  private MathOps() {}

  // ---- unary ----

  public static Tensor neg(Tensor x) {
    return Exec.run1(UnaryDefs.NEG, x);
  }

  /** |x|; on complex64 this is {@code ComplexAbs} and gives float32, as {@code tf.abs}. */
  public static Tensor abs(Tensor x) {
    if (x.dtype().isComplex()) {
      return complexAbs(x);
    }
    return Exec.run1(UnaryDefs.ABS, x);
  }

  public static Tensor sign(Tensor x) {
    return Exec.run1(UnaryDefs.SIGN, x);
  }

  public static Tensor square(Tensor x) {
    return Exec.run1(UnaryDefs.SQUARE, x);
  }

  public static Tensor sqrt(Tensor x) {
    return Exec.run1(UnaryDefs.SQRT, x);
  }

  public static Tensor rsqrt(Tensor x) {
    return Exec.run1(UnaryDefs.RSQRT, x);
  }

  public static Tensor exp(Tensor x) {
    return Exec.run1(UnaryDefs.EXP, x);
  }

  public static Tensor log(Tensor x) {
    return Exec.run1(UnaryDefs.LOG, x);
  }

  public static Tensor log1p(Tensor x) {
    return Exec.run1(UnaryDefs.LOG1P, x);
  }

  public static Tensor sin(Tensor x) {
    return Exec.run1(UnaryDefs.SIN, x);
  }

  public static Tensor cos(Tensor x) {
    return Exec.run1(UnaryDefs.COS, x);
  }

  public static Tensor tanh(Tensor x) {
    return Exec.run1(UnaryDefs.TANH, x);
  }

  public static Tensor sigmoid(Tensor x) {
    return Exec.run1(UnaryDefs.SIGMOID, x);
  }

  public static Tensor relu(Tensor x) {
    return Exec.run1(UnaryDefs.RELU, x);
  }

  public static Tensor relu6(Tensor x) {
    return Exec.run1(UnaryDefs.RELU6, x);
  }

  public static Tensor elu(Tensor x) {
    return Exec.run1(UnaryDefs.ELU, x);
  }

  public static Tensor softplus(Tensor x) {
    return Exec.run1(UnaryDefs.SOFTPLUS, x);
  }

  public static Tensor floor(Tensor x) {
    return Exec.run1(UnaryDefs.FLOOR, x);
  }

  public static Tensor ceil(Tensor x) {
    return Exec.run1(UnaryDefs.CEIL, x);
  }

  /** Rounds half to even, as {@code tf.math.round}. */
  public static Tensor round(Tensor x) {
    return Exec.run1(UnaryDefs.ROUND, x);
  }

  public static Tensor cast(Tensor x, DType to) {
    return x.dtype() == to ? x : Exec.run1(CastDefs.CAST, new CastDefs.Attrs(to), x);
  }

  // ---- binary ----

  public static Tensor add(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.ADD, x, y);
  }

  public static Tensor sub(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.SUB, x, y);
  }

  public static Tensor mul(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.MUL, x, y);
  }

  /** x / y on floating types ({@code tf.realdiv}); integers use {@link #floorDiv}. */
  public static Tensor div(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.REAL_DIV, x, y);
  }

  public static Tensor floorDiv(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.FLOOR_DIV, x, y);
  }

  /** Remainder with the sign of y, as {@code tf.math.floormod} (Python's %). */
  public static Tensor mod(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.FLOOR_MOD, x, y);
  }

  public static Tensor pow(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.POW, x, y);
  }

  public static Tensor maximum(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.MAXIMUM, x, y);
  }

  public static Tensor minimum(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.MINIMUM, x, y);
  }

  public static Tensor squaredDifference(Tensor x, Tensor y) {
    return Exec.run1(BinaryDefs.SQUARED_DIFFERENCE, x, y);
  }

  // ---- comparisons ----

  public static Tensor less(Tensor x, Tensor y) {
    return Exec.run1(CompareDefs.LESS, x, y);
  }

  public static Tensor lessEqual(Tensor x, Tensor y) {
    return Exec.run1(CompareDefs.LESS_EQUAL, x, y);
  }

  public static Tensor greater(Tensor x, Tensor y) {
    return Exec.run1(CompareDefs.GREATER, x, y);
  }

  public static Tensor greaterEqual(Tensor x, Tensor y) {
    return Exec.run1(CompareDefs.GREATER_EQUAL, x, y);
  }

  public static Tensor equal(Tensor x, Tensor y) {
    return Exec.run1(CompareDefs.EQUAL, x, y);
  }

  public static Tensor notEqual(Tensor x, Tensor y) {
    return Exec.run1(CompareDefs.NOT_EQUAL, x, y);
  }

  // ---- selection, logic, float tests, complex numbers (h-math) ----

  /**
   * Elements of {@code x} where {@code condition} is true, else of {@code y}; all three broadcast
   * as NumPy does ({@code tf.where}, op {@code SelectV2}). The gradient goes to x where the
   * condition holds and to y elsewhere.
   *
   * {@snippet :
   * Tensor x = Tensor.of(-1f, 2f, -3f);
   * MathOps.where(MathOps.greater(x, Tensor.scalar(0f)), x, Tensor.scalar(0f));   // [0, 2, 0]
   * }
   */
  public static Tensor where(Tensor condition, Tensor x, Tensor y) {
    return Exec.run1(SelectDefs.SELECT_V2, condition, x, y);
  }

  /**
   * TF1's {@code tf.where(condition, x, y)} (op {@code Select}): x and y of one shape, and a
   * condition of that shape, a scalar, or a vector that picks whole rows along the first dimension.
   *
   * {@snippet :
   * Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
   * Tensor b = Tensor.of(new float[][] {{5, 6}, {7, 8}});
   * MathOps.select(Tensor.of(true, false), a, b);   // [[1, 2], [7, 8]]
   * }
   */
  public static Tensor select(Tensor condition, Tensor x, Tensor y) {
    return Exec.run1(SelectDefs.SELECT, condition, x, y);
  }

  /**
   * x AND y on bool tensors, with broadcasting.
   *
   * {@snippet :
   * MathOps.logicalAnd(Tensor.of(true, true, false), Tensor.of(true, false, false)); // [T, F, F]
   * }
   */
  public static Tensor logicalAnd(Tensor x, Tensor y) {
    return Exec.run1(LogicalDefs.LOGICAL_AND, x, y);
  }

  /** x OR y on bool tensors, with broadcasting. */
  public static Tensor logicalOr(Tensor x, Tensor y) {
    return Exec.run1(LogicalDefs.LOGICAL_OR, x, y);
  }

  /** NOT x on a bool tensor. */
  public static Tensor logicalNot(Tensor x) {
    return Exec.run1(LogicalDefs.LOGICAL_NOT, x);
  }

  /**
   * True where a float element is NaN.
   *
   * {@snippet :
   * MathOps.isNan(Tensor.of(1f, Float.NaN, Float.POSITIVE_INFINITY));   // [false, true, false]
   * }
   */
  public static Tensor isNan(Tensor x) {
    return Exec.run1(LogicalDefs.IS_NAN, x);
  }

  /** True where a float element is +inf or -inf. */
  public static Tensor isInf(Tensor x) {
    return Exec.run1(LogicalDefs.IS_INF, x);
  }

  /**
   * True where a float element is neither NaN nor infinite.
   *
   * {@snippet :
   * MathOps.isFinite(Tensor.of(1f, Float.NaN, Float.NEGATIVE_INFINITY));   // [true, false, false]
   * }
   */
  public static Tensor isFinite(Tensor x) {
    return Exec.run1(LogicalDefs.IS_FINITE, x);
  }

  /**
   * A complex64 tensor from float32 real and imaginary parts, which broadcast ({@code tf.complex}).
   *
   * {@snippet :
   * // The Mandelbrot grid: c = x + iy, then z = z*z + c and |z| < 4
   * Tensor c = MathOps.complex(xs, ys);
   * Tensor z = MathOps.add(MathOps.mul(z0, z0), c);
   * Tensor inside = MathOps.less(MathOps.abs(z), Tensor.scalar(4f));
   * }
   */
  public static Tensor complex(Tensor real, Tensor imag) {
    return Exec.run1(ComplexDefs.COMPLEX_OP, real, imag);
  }

  /**
   * The real part of a complex64 tensor, as float32; a real tensor is returned as it is
   * ({@code tf.math.real}).
   *
   * {@snippet :
   * MathOps.real(Tensor.ofComplex(Shape.of(2), 1, 2, 3, 4));   // [1, 3]
   * }
   */
  public static Tensor real(Tensor x) {
    return x.dtype().isComplex() ? Exec.run1(ComplexDefs.REAL, x) : x;
  }

  /**
   * The imaginary part of a complex64 tensor, as float32; zeros for a real tensor
   * ({@code tf.math.imag}).
   *
   * {@snippet :
   * MathOps.imag(Tensor.ofComplex(Shape.of(2), 1, 2, 3, 4));   // [2, 4]
   * }
   */
  public static Tensor imag(Tensor x) {
    return x.dtype().isComplex() ? Exec.run1(ComplexDefs.IMAG, x) : ArrayOps.zerosLike(x);
  }

  /**
   * The complex conjugate; a real tensor is returned as it is ({@code tf.math.conj}).
   *
   * {@snippet :
   * MathOps.conj(Tensor.ofComplex(Shape.of(1), 1, 2));   // [1-2i]
   * }
   */
  public static Tensor conj(Tensor x) {
    return x.dtype().isComplex() ? Exec.run1(ComplexDefs.CONJ, x) : x;
  }

  /**
   * |z| of a complex64 tensor, as float32 (op {@code ComplexAbs}; {@link #abs} calls it).
   *
   * {@snippet :
   * MathOps.complexAbs(Tensor.ofComplex(Shape.of(1), 3, 4));   // [5.0]
   * }
   */
  public static Tensor complexAbs(Tensor x) {
    return Exec.run1(ComplexDefs.COMPLEX_ABS, x);
  }

  // ---- end h-math ----
}
