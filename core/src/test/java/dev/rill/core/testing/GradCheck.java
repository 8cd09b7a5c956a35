package dev.rill.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Finite-difference gradient checks in float64. The scalar checked is {@code sum(f(x) * r)} with a
 * fixed random {@code r}, so every output element's gradient matters.
 *
 * {@snippet :
 * GradCheck.check(in -> MathOps.exp(in.get(0)), GradCheck.random(7, 3, 4));
 * }
 */
public final class GradCheck {
  /** Central-difference step. */
  public static final double EPS = 1e-6;
  /** Largest accepted relative error. */
  public static final double RTOL = 1e-6;
  /** Absolute slack for gradients that are (numerically) zero. */
  public static final double ATOL = 1e-8;

  private GradCheck() {}

  /** Seeded float64 values uniform in [-1, 1). */
  public static Tensor random(long seed, int... dims) {
    return uniform(seed, -1, 1, dims);
  }

  /** Seeded float64 values uniform in [lo, hi). */
  public static Tensor uniform(long seed, double lo, double hi, int... dims) {
    Shape s = Shape.of(dims);
    SplittableRandom r = new SplittableRandom(seed);
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = lo + (hi - lo) * r.nextDouble();
    }
    return Tensor.of(s, d);
  }

  /** Checks the gradient of {@code f} with respect to every float64 input. */
  public static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    check(f, RTOL, inputs);
  }

  public static void check(Function<List<Tensor>, Tensor> f, double rtol, Tensor... inputs) {
    List<Tensor> xs = List.of(inputs);
    Tensor y0 = f.apply(xs);
    Tensor r = random(12345, y0.shape().dims());
    Function<List<Tensor>, Double> loss = in -> {
      Tensor y = f.apply(in);
      return ReduceOps.sum(MathOps.mul(y, r.cast(y.dtype()))).doubleValue();
    };
    List<Tensor> analytic;
    GradientTape tape = GradientTape.start();
    try (tape) {
      for (Tensor x : xs) {
        if (x.dtype() == DType.FLOAT64) {
          tape.watch(x);
        }
      }
      Tensor y = f.apply(xs);
      Tensor l = ReduceOps.sum(MathOps.mul(y, r.cast(y.dtype())));
      analytic = tape.gradient(l, xs);
    }
    for (int i = 0; i < xs.size(); i++) {
      Tensor x = xs.get(i);
      if (x.dtype() != DType.FLOAT64) {
        continue;
      }
      double[] numeric = numeric(loss, xs, i);
      Tensor a = analytic.get(i);
      double[] got = a == null ? new double[numeric.length] : a.toDoubleArray();
      if (a != null) {
        assertThat(a.shape()).as("gradient shape of input %d", i).isEqualTo(x.shape());
      }
      for (int j = 0; j < numeric.length; j++) {
        double err = Math.abs(got[j] - numeric[j]);
        double bound = rtol * Math.max(Math.abs(got[j]), Math.abs(numeric[j])) + ATOL;
        if (!(err <= bound)) {
          throw new AssertionError("gradient of input " + i + " " + x.shape() + " at flat index "
              + j + ": analytic " + got[j] + ", numeric " + numeric[j] + " (error " + err
              + " > " + bound + ")\nanalytic " + Arrays.toString(got) + "\nnumeric  "
              + Arrays.toString(numeric));
        }
      }
    }
  }

  /**
   * Checks second derivatives: the gradient of {@code sum(f(x) * r)} with respect to input
   * {@code which}, itself computed on an inner tape, is checked by finite differences.
   */
  public static void checkSecondOrder(Function<List<Tensor>, Tensor> f, int which,
      Tensor... inputs) {
    Tensor r = random(54321, f.apply(List.of(inputs)).shape().dims());
    check(in -> {
      GradientTape inner = GradientTape.start();
      Tensor l;
      try (inner) {
        inner.watch(in.get(which));
        Tensor y = f.apply(in);
        l = ReduceOps.sum(MathOps.mul(y, r.cast(y.dtype())));
      }
      return inner.gradient(l, in.get(which));
    }, inputs);
  }

  private static double[] numeric(Function<List<Tensor>, Double> loss, List<Tensor> xs, int which) {
    double[] base = xs.get(which).toDoubleArray();
    double[] out = new double[base.length];
    for (int j = 0; j < base.length; j++) {
      out[j] = (eval(loss, xs, which, base, j, EPS) - eval(loss, xs, which, base, j, -EPS))
          / (2 * EPS);
    }
    return out;
  }

  private static double eval(Function<List<Tensor>, Double> loss, List<Tensor> xs, int which,
      double[] base, int j, double delta) {
    double[] d = base.clone();
    d[j] += delta;
    List<Tensor> in = new ArrayList<>(xs);
    in.set(which, Tensor.of(xs.get(which).shape(), d));
    return loss.apply(in);
  }
}
