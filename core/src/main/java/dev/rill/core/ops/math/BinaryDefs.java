package dev.rill.core.ops.math;

import static dev.rill.core.ops.math.Elementwise.FLOATS_OR_COMPLEX;
import static dev.rill.core.ops.math.Elementwise.NUMERIC;
import static dev.rill.core.ops.math.Elementwise.REAL;
import static dev.rill.core.ops.math.Elementwise.binary;
import static dev.rill.core.ops.math.Grads.unbroadcast;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.Node;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.MathOps;
import java.util.List;

/**
 * Binary arithmetic with broadcasting, and the gradients that sum back over broadcast axes.
 * AddV2, Sub, Mul and RealDiv also take complex64; their gradients conjugate as TensorFlow's do
 * (for a real loss L of z = a + bi the gradient is dL/da + i dL/db).
 */
public final class BinaryDefs {
  private BinaryDefs() {}

  private static List<Tensor> pair(Node<NoAttrs> n, Tensor gx, Tensor gy) {
    return java.util.Arrays.asList(
        gx == null ? null : unbroadcast(gx, n.input(0).shape()),
        gy == null ? null : unbroadcast(gy, n.input(1).shape()));
  }

  public static final OpDef<NoAttrs> ADD = binary("AddV2", NUMERIC, Double::sum, Long::sum,
      ComplexMath.ADD, (n, dy) -> pair(n, dy.get(0), dy.get(0)));

  public static final OpDef<NoAttrs> SUB = binary("Sub", NUMERIC, (a, b) -> a - b, (a, b) -> a - b,
      ComplexMath.SUB, (n, dy) -> pair(n, dy.get(0), MathOps.neg(dy.get(0))));

  public static final OpDef<NoAttrs> MUL = binary("Mul", NUMERIC, (a, b) -> a * b, (a, b) -> a * b,
      ComplexMath.MUL,
      (n, dy) -> pair(n, MathOps.mul(dy.get(0), MathOps.conj(n.input(1))),
          MathOps.mul(dy.get(0), MathOps.conj(n.input(0)))));

  // d(x/y)/dx = 1/y, d(x/y)/dy = -x/y^2 (conjugated for complex)
  public static final OpDef<NoAttrs> REAL_DIV = binary("RealDiv", FLOATS_OR_COMPLEX,
      (a, b) -> a / b, null, ComplexMath.DIV,
      (n, dy) -> {
        Tensor x = MathOps.conj(n.input(0));
        Tensor y = MathOps.conj(n.input(1));
        Tensor g = dy.get(0);
        return pair(n, MathOps.div(g, y),
            MathOps.neg(MathOps.div(MathOps.mul(g, x), MathOps.square(y))));
      });

  // Ties send the gradient to x, as TensorFlow's Maximum (x >= y).
  public static final OpDef<NoAttrs> MAXIMUM = binary("Maximum", REAL, BinaryDefs::max, Math::max,
      (n, dy) -> selectGrad(n, dy.get(0), MathOps.greaterEqual(n.input(0), n.input(1))));

  public static final OpDef<NoAttrs> MINIMUM = binary("Minimum", REAL, BinaryDefs::min, Math::min,
      (n, dy) -> selectGrad(n, dy.get(0), MathOps.lessEqual(n.input(0), n.input(1))));

  // z = x^y: dz/dx = y x^(y-1); dz/dy = z log(x), taken as 0 where x <= 0 (TensorFlow's rule)
  public static final OpDef<NoAttrs> POW = binary("Pow", REAL, Math::pow, BinaryDefs::intPow,
      (n, dy) -> {
        Tensor x = n.input(0);
        Tensor y = n.input(1);
        Tensor z = n.output(0);
        Tensor g = dy.get(0);
        Tensor gx = MathOps.mul(g, MathOps.mul(y, MathOps.pow(x, MathOps.sub(y, y.like(1)))));
        if (!x.dtype().isFloating()) {
          return pair(n, gx, null);
        }
        Tensor positive = MathOps.cast(MathOps.greater(x, x.like(0)), x.dtype());
        // log of a safe argument so the masked-out entries stay finite
        Tensor safeX = MathOps.add(MathOps.mul(x, positive), MathOps.sub(x.like(1), positive));
        Tensor gy = MathOps.mul(g, MathOps.mul(MathOps.mul(z, MathOps.log(safeX)), positive));
        return pair(n, gx, gy);
      });

  // (x - y)^2: d/dx = 2(x - y), d/dy = -2(x - y)
  public static final OpDef<NoAttrs> SQUARED_DIFFERENCE = binary("SquaredDifference", REAL,
      (a, b) -> (a - b) * (a - b), (a, b) -> (a - b) * (a - b),
      (n, dy) -> {
        Tensor d = MathOps.sub(n.input(0), n.input(1));
        Tensor g = MathOps.mul(dy.get(0), MathOps.mul(d, d.like(2)));
        return pair(n, g, MathOps.neg(g));
      });

  // floor(x / y); integer division rounds toward negative infinity, as Python's //
  public static final OpDef<NoAttrs> FLOOR_DIV = binary("FloorDiv", REAL,
      (a, b) -> Math.floor(a / b), BinaryDefs::floorDiv, (n, dy) -> pair(n, null, null));

  // x - floor(x / y) * y: the result has the sign of y, as Python's %
  public static final OpDef<NoAttrs> FLOOR_MOD = binary("FloorMod", REAL,
      (a, b) -> {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
      },
      BinaryDefs::floorMod,
      (n, dy) -> {
        Tensor x = n.input(0);
        Tensor y = n.input(1);
        Tensor q = MathOps.floorDiv(x, y);
        return pair(n, dy.get(0), MathOps.neg(MathOps.mul(dy.get(0), q)));
      });

  private static List<Tensor> selectGrad(Node<NoAttrs> n, Tensor dy, Tensor xWins) {
    Tensor mask = MathOps.cast(xWins, dy.dtype());
    Tensor gx = MathOps.mul(dy, mask);
    return pair(n, gx, MathOps.sub(dy, gx));
  }

  // NaN propagates, as in TensorFlow.
  private static double max(double a, double b) {
    return a != a || b != b ? Double.NaN : Math.max(a, b);
  }

  private static double min(double a, double b) {
    return a != a || b != b ? Double.NaN : Math.min(a, b);
  }

  private static long floorDiv(long a, long b) {
    if (b == 0) {
      throw new InvalidArgumentException("FloorDiv: integer division by zero");
    }
    return Math.floorDiv(a, b);
  }

  private static long floorMod(long a, long b) {
    if (b == 0) {
      throw new InvalidArgumentException("FloorMod: integer division by zero");
    }
    return Math.floorMod(a, b);
  }

  private static long intPow(long base, long exp) {
    if (exp < 0) {
      throw new InvalidArgumentException("Pow: integers to negative powers are not allowed, got "
          + base + "^" + exp);
    }
    long r = 1;
    for (long b = base, e = exp; e > 0; e >>= 1, b *= b) {
      if ((e & 1) != 0) {
        r *= b;
      }
    }
    return r;
  }
}
