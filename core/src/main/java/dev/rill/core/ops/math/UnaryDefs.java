package dev.rill.core.ops.math;

import static dev.rill.core.ops.math.Elementwise.FLOATS;
import static dev.rill.core.ops.math.Elementwise.FLOATS_OR_COMPLEX;
import static dev.rill.core.ops.math.Elementwise.SIGNED;
import static dev.rill.core.ops.math.Elementwise.SIGNED_OR_COMPLEX;
import static dev.rill.core.ops.math.Elementwise.unary;

import dev.rill.core.Tensor;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.Collections;
import java.util.List;

/**
 * Unary elementwise ops on real numbers, with their gradients. Neg, Square and Exp also take
 * complex64, with TensorFlow's conjugated gradients.
 */
public final class UnaryDefs {
  private UnaryDefs() {}

  private static List<Tensor> one(Tensor g) {
    return Collections.singletonList(g);
  }

  /** 1.0 where {@code x > 0}, else 0, in x's dtype (a constant: no gradient flows through it). */
  private static Tensor positive(Tensor x) {
    return MathOps.cast(MathOps.greater(x, x.like(0)), x.dtype());
  }

  public static final OpDef<NoAttrs> NEG = unary("Neg", SIGNED_OR_COMPLEX, v -> -v, v -> -v,
      ComplexMath.NEG, (n, dy) -> one(MathOps.neg(dy.get(0))));

  public static final OpDef<NoAttrs> ABS = unary("Abs", SIGNED, Math::abs, Math::abs,
      (n, dy) -> one(MathOps.mul(dy.get(0), MathOps.sign(n.input(0)))));

  public static final OpDef<NoAttrs> SIGN = unary("Sign", SIGNED, Math::signum, Long::signum,
      (n, dy) -> one(ArrayOps.zerosLike(n.input(0))));

  // y = x^2, dy/dx = 2x (2 conj(x) for complex)
  public static final OpDef<NoAttrs> SQUARE = unary("Square", SIGNED_OR_COMPLEX, v -> v * v,
      v -> v * v, ComplexMath.SQUARE,
      (n, dy) -> {
        Tensor x = MathOps.conj(n.input(0));
        return one(MathOps.mul(dy.get(0), MathOps.mul(x, x.like(2))));
      });

  // y = sqrt(x), dy/dx = 1 / (2y)
  public static final OpDef<NoAttrs> SQRT = unary("Sqrt", FLOATS, Math::sqrt, null,
      (n, dy) -> one(MathOps.div(dy.get(0), MathOps.mul(n.output(0), n.output(0).like(2)))));

  // y = x^-1/2, dy/dx = -y^3 / 2
  public static final OpDef<NoAttrs> RSQRT = unary("Rsqrt", FLOATS, v -> 1 / Math.sqrt(v), null,
      (n, dy) -> {
        Tensor y = n.output(0);
        Tensor y3 = MathOps.mul(MathOps.square(y), y);
        return one(MathOps.mul(dy.get(0), MathOps.mul(y3, y.like(-0.5))));
      });

  public static final OpDef<NoAttrs> EXP = unary("Exp", FLOATS_OR_COMPLEX, Math::exp, null,
      ComplexMath.EXP, (n, dy) -> one(MathOps.mul(dy.get(0), MathOps.conj(n.output(0)))));

  public static final OpDef<NoAttrs> LOG = unary("Log", FLOATS, Math::log, null,
      (n, dy) -> one(MathOps.div(dy.get(0), n.input(0))));

  public static final OpDef<NoAttrs> LOG1P = unary("Log1p", FLOATS, Math::log1p, null,
      (n, dy) -> one(MathOps.div(dy.get(0), MathOps.add(n.input(0), n.input(0).like(1)))));

  public static final OpDef<NoAttrs> SIN = unary("Sin", FLOATS, Math::sin, null,
      (n, dy) -> one(MathOps.mul(dy.get(0), MathOps.cos(n.input(0)))));

  public static final OpDef<NoAttrs> COS = unary("Cos", FLOATS, Math::cos, null,
      (n, dy) -> one(MathOps.neg(MathOps.mul(dy.get(0), MathOps.sin(n.input(0))))));

  // dy/dx = 1 - y^2
  public static final OpDef<NoAttrs> TANH = unary("Tanh", FLOATS, Math::tanh, null,
      (n, dy) -> {
        Tensor y = n.output(0);
        return one(MathOps.mul(dy.get(0), MathOps.sub(y.like(1), MathOps.square(y))));
      });

  // dy/dx = y (1 - y)
  public static final OpDef<NoAttrs> SIGMOID = unary("Sigmoid", FLOATS, UnaryDefs::sigmoid, null,
      (n, dy) -> {
        Tensor y = n.output(0);
        return one(MathOps.mul(dy.get(0), MathOps.mul(y, MathOps.sub(y.like(1), y))));
      });

  // The gradient at exactly 0 is 0, as TensorFlow's ReluGrad (features > 0).
  public static final OpDef<NoAttrs> RELU = unary("Relu", SIGNED, v -> v > 0 ? v : 0,
      v -> v > 0 ? v : 0,
      (n, dy) -> one(reluGrad(dy.get(0), n.input(0))));

  /**
   * {@code ReluGrad(gradients, features)}: the gradients where the features are positive, else 0.
   * One pass instead of compare, cast and multiply; linear in the gradients, so its own gradient
   * is ReluGrad again (and none for the features).
   */
  public static final OpDef<NoAttrs> RELU_GRAD = Elementwise.binary("ReluGrad", SIGNED,
      (g, f) -> f > 0 ? g : 0, (g, f) -> f > 0 ? g : 0,
      (n, dy) -> java.util.Arrays.asList(reluGrad(dy.get(0), n.input(1)), null));

  static Tensor reluGrad(Tensor dy, Tensor features) {
    return dev.rill.core.op.Exec.run1(RELU_GRAD, dy, features);
  }

  public static final OpDef<NoAttrs> RELU6 = unary("Relu6", SIGNED, v -> Math.min(Math.max(v, 0), 6),
      v -> Math.min(Math.max(v, 0), 6),
      (n, dy) -> {
        Tensor x = n.input(0);
        Tensor below6 = MathOps.cast(MathOps.less(x, x.like(6)), x.dtype());
        return one(MathOps.mul(dy.get(0), MathOps.mul(positive(x), below6)));
      });

  // y = x for x > 0, e^x - 1 otherwise; dy/dx = 1 or y + 1
  public static final OpDef<NoAttrs> ELU = unary("Elu", FLOATS, v -> v > 0 ? v : Math.expm1(v),
      null,
      (n, dy) -> {
        Tensor m = positive(n.input(0));
        Tensor y = n.output(0);
        Tensor slope = MathOps.add(m, MathOps.mul(MathOps.sub(m.like(1), m),
            MathOps.add(y, y.like(1))));
        return one(MathOps.mul(dy.get(0), slope));
      });

  // log(1 + e^x), computed without overflow; dy/dx = sigmoid(x)
  public static final OpDef<NoAttrs> SOFTPLUS = unary("Softplus", FLOATS,
      v -> v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)), null,
      (n, dy) -> one(MathOps.mul(dy.get(0), MathOps.sigmoid(n.input(0)))));

  public static final OpDef<NoAttrs> FLOOR = unary("Floor", FLOATS, Math::floor, null,
      (n, dy) -> one(null));

  public static final OpDef<NoAttrs> CEIL = unary("Ceil", FLOATS, Math::ceil, null,
      (n, dy) -> one(null));

  // Half to even, as TensorFlow's Round (banker's rounding).
  public static final OpDef<NoAttrs> ROUND = unary("Round", SIGNED, Math::rint, v -> v,
      (n, dy) -> one(null));

  static double sigmoid(double v) {
    // Split by sign so exp never overflows.
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }
}
