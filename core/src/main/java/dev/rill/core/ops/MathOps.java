package dev.rill.core.ops;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.math.BinaryDefs;
import dev.rill.core.ops.math.CastDefs;
import dev.rill.core.ops.math.CompareDefs;
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

  public static Tensor abs(Tensor x) {
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
}
