package dev.rill.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.Broadcast;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast binary, comparison and cast loops against plain reference loops, element by element and
 * bit for bit, on lengths that leave vector tails, with the values where IEEE rules are subtle, in
 * the same-shape, tensor-with-scalar and broadcast forms.
 */
class ElementwiseFastPathTest {
  static final int[] SIZES = {0, 1, 15, 16, 17, 1000, 100003};

  private static final float[] SPECIAL = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, Float.MIN_VALUE, 1f, -1f, 3e9f, -3e9f, 0.5f};

  static float[] values(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
    }
    return v;
  }

  /** Operand shapes: same shape, tensor with scalar, scalar with tensor, and broadcasts. */
  static List<Shape[]> forms(int n) {
    List<Shape[]> f = new ArrayList<>();
    f.add(new Shape[] {Shape.of(n), Shape.of(n)});
    f.add(new Shape[] {Shape.of(n), Shape.scalar()});
    f.add(new Shape[] {Shape.scalar(), Shape.of(n)});
    f.add(new Shape[] {Shape.of(1, n), Shape.of(1)});
    if (n > 0 && n % 17 == 0 || n == 1000) {
      int c = n == 1000 ? 40 : 17;
      f.add(new Shape[] {Shape.of(n / c, c), Shape.of(c)});        // a bias
      f.add(new Shape[] {Shape.of(n / c, 1), Shape.of(1, c)});     // an outer product
      f.add(new Shape[] {Shape.of(n / c, c), Shape.of(n / c, 1)});  // a column
    }
    f.add(new Shape[] {Shape.of(2, 3, n), Shape.of(3, 1)});
    return f;
  }

  static Stream<Arguments> sizesAndForms() {
    List<Arguments> args = new ArrayList<>();
    for (int n : SIZES) {
      for (Shape[] f : forms(n)) {
        args.add(Arguments.of(f[0], f[1]));
      }
    }
    return args.stream();
  }

  static Tensor floats(Shape s, long seed) {
    return Tensor.of(s, values(s.size(), seed));
  }

  private static Shape out(Shape x, Shape y) {
    return Shape.broadcast(x, y);
  }

  private record Arith(String name, BiFunction<Tensor, Tensor, Tensor> op, DoubleBinaryOperator f) {}

  private static final List<Arith> ARITH = List.of(
      new Arith("add", MathOps::add, (a, b) -> a + b),
      new Arith("sub", MathOps::sub, (a, b) -> a - b),
      new Arith("mul", MathOps::mul, (a, b) -> a * b),
      new Arith("div", MathOps::div, (a, b) -> a / b),
      new Arith("maximum", MathOps::maximum,
          (a, b) -> a != a || b != b ? Double.NaN : Math.max(a, b)),
      new Arith("minimum", MathOps::minimum,
          (a, b) -> a != a || b != b ? Double.NaN : Math.min(a, b)));

  @ParameterizedTest
  @MethodSource("sizesAndForms")
  void float32ArithmeticMatchesTheDoubleDefinition(Shape xs, Shape ys) {
    Tensor x = floats(xs, xs.size() * 31L + 1);
    Tensor y = floats(ys, ys.size() * 17L + 2);
    Shape o = out(xs, ys);
    for (Arith a : ARITH) {
      float[] got = a.op().apply(x, y).floatData();
      float[] want = new float[o.size()];
      float[] xv = x.floatData();
      float[] yv = y.floatData();
      Broadcast.forEachPair(o, xs, ys, (k, i, j) -> want[k] = (float) a.f().applyAsDouble(xv[i],
          yv[j]));
      assertEquals(want.length, got.length);
      for (int k = 0; k < want.length; k++) {
        sameFloat(want[k], got[k], a.name() + " element " + k + " of " + xs + ", " + ys);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizesAndForms")
  void float64AndInt32ArithmeticMatchTheDefinition(Shape xs, Shape ys) {
    Tensor x = floats(xs, xs.size() + 3L);
    Tensor y = floats(ys, ys.size() + 4L);
    Shape o = out(xs, ys);
    Tensor xd = MathOps.cast(x, DType.FLOAT64);
    Tensor yd = MathOps.cast(y, DType.FLOAT64);
    double[] got = MathOps.mul(xd, yd).doubleData();
    double[] xv = xd.doubleData();
    double[] yv = yd.doubleData();
    Broadcast.forEachPair(o, xs, ys, (k, i, j) ->
        assertEquals(Double.doubleToLongBits(xv[i] * yv[j]), Double.doubleToLongBits(got[k])));
    Tensor xi = MathOps.cast(MathOps.mul(x, x.like(1000)), DType.INT32);
    Tensor yi = MathOps.cast(MathOps.mul(y, y.like(1000)), DType.INT32);
    int[] sum = MathOps.add(xi, yi).intData();
    int[] a = xi.intData();
    int[] b = yi.intData();
    Broadcast.forEachPair(o, xs, ys, (k, i, j) -> assertEquals(a[i] + b[j], sum[k]));
  }

  private record Cmp(String name, BiFunction<Tensor, Tensor, Tensor> op, DoubleCmp f) {}

  @FunctionalInterface
  private interface DoubleCmp {
    boolean test(double a, double b);
  }

  private static final List<Cmp> CMP = List.of(
      new Cmp("less", MathOps::less, (a, b) -> a < b),
      new Cmp("lessEqual", MathOps::lessEqual, (a, b) -> a <= b),
      new Cmp("greater", MathOps::greater, (a, b) -> a > b),
      new Cmp("greaterEqual", MathOps::greaterEqual, (a, b) -> a >= b),
      new Cmp("equal", MathOps::equal, (a, b) -> a == b),
      new Cmp("notEqual", MathOps::notEqual, (a, b) -> a != b));

  @ParameterizedTest
  @MethodSource("sizesAndForms")
  void comparisonsMatchJavasOperators(Shape xs, Shape ys) {
    Tensor x = floats(xs, xs.size() * 7L + 5);
    Tensor y = floats(ys, ys.size() * 7L + 6);
    // equal values must turn up often for the equality tests to mean anything
    float[] yv = y.floatData();
    float[] xv = x.floatData();
    for (int i = 0; i < Math.min(xv.length, yv.length); i += 3) {
      yv[i] = xv[i];
    }
    Shape o = out(xs, ys);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32}) {
      Tensor a = MathOps.cast(dt == DType.INT32 ? MathOps.mul(x, x.like(3)) : x, dt);
      Tensor b = MathOps.cast(dt == DType.INT32 ? MathOps.mul(y, y.like(3)) : y, dt);
      for (Cmp c : CMP) {
        boolean[] got = c.op().apply(a, b).boolData();
        assertEquals(o.size(), got.length);
        Broadcast.forEachPair(o, xs, ys, (k, i, j) -> assertEquals(
            c.f().test(a.getDouble(i), b.getDouble(j)), got[k],
            () -> c.name() + " on " + dt + " element " + k + ": " + a.getDouble(i) + ", "
                + b.getDouble(j)));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 1000, 100003})
  void castsMatchTheGenericConversion(int n) {
    float[] v = values(n, n + 9L);
    Tensor f = Tensor.of(Shape.of(n), v);
    boolean[] bools = MathOps.cast(f, DType.BOOL).boolData();
    double[] doubles = MathOps.cast(f, DType.FLOAT64).doubleData();
    int[] ints = MathOps.cast(f, DType.INT32).intData();
    for (int i = 0; i < n; i++) {
      double d = v[i];
      assertEquals(d != 0, bools[i], "float->bool " + v[i]);
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(doubles[i]));
      assertEquals((int) (long) d, ints[i], "float->int " + v[i]);
    }
    Tensor b = Tensor.wrap(DType.BOOL, Shape.of(n), bools);
    float[] back = MathOps.cast(b, DType.FLOAT32).floatData();
    double[] backD = MathOps.cast(b, DType.FLOAT64).doubleData();
    int[] backI = MathOps.cast(b, DType.INT32).intData();
    Tensor i32 = Tensor.wrap(DType.INT32, Shape.of(n), ints);
    float[] intToFloat = MathOps.cast(i32, DType.FLOAT32).floatData();
    boolean[] intToBool = MathOps.cast(i32, DType.BOOL).boolData();
    float[] doubleToFloat = MathOps.cast(Tensor.wrap(DType.FLOAT64, Shape.of(n), doubles),
        DType.FLOAT32).floatData();
    for (int i = 0; i < n; i++) {
      assertEquals(bools[i] ? 1f : 0f, back[i]);
      assertEquals(bools[i] ? 1.0 : 0.0, backD[i]);
      assertEquals(bools[i] ? 1 : 0, backI[i]);
      assertEquals((float) (double) ints[i], intToFloat[i]);
      assertEquals(ints[i] != 0, intToBool[i]);
      sameFloat(v[i], doubleToFloat[i], "float->double->float");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10, 16, 17, 32, 64, 1000, 1025})
  void biasAddAddsPerChannelAndBiasAddGradSumsInDouble(int c) {
    for (int rows : new int[] {1, 2, 7, 100, 3001}) {
      if ((long) rows * c > 400_000) {
        continue;
      }
      float[] x = values(rows * c, rows * 31L + c);
      float[] bias = values(c, c);
      Tensor xt = Tensor.of(Shape.of(rows, c), x);
      float[] y = NnOps.biasAdd(xt, Tensor.of(Shape.of(c), bias)).floatData();
      for (int i = 0; i < x.length; i++) {
        sameFloat(x[i] + bias[i % c], y[i], "BiasAdd element " + i);
      }
      // finite values only: the sum's order may differ, so compare with a tolerance
      SplittableRandom r = new SplittableRandom(c);
      float[] g = new float[rows * c];
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) r.nextDouble(-1, 1);
      }
      float[] got = NnOps.biasAddGrad(Tensor.of(Shape.of(rows, c), g)).floatData();
      double[] gotD = NnOps.biasAddGrad(MathOps.cast(Tensor.of(Shape.of(rows, c), g),
          DType.FLOAT64)).doubleData();
      for (int i = 0; i < c; i++) {
        double want = 0;
        for (int row = 0; row < rows; row++) {
          want += g[row * c + i];
        }
        assertEquals((float) want, got[i], Math.ulp((float) want) + 1e-12, "column " + i);
        assertEquals(want, gotD[i], 1e-12 * rows, "column " + i);
      }
    }
  }

  private static void sameFloat(float want, float got, String what) {
    if (want != want) {
      assertTrue(got != got, what + ": want NaN, got " + got);
      return;
    }
    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), what + ": want "
        + want + ", got " + got);
  }
}
