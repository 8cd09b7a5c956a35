package dev.rill.core.ops;

import static dev.rill.core.ops.ComplexOpsTest.complexes;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.testing.GradCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Complex gradients by central differences. There is no complex128, so this runs in float32 with
 * a wide step (h = 1e-2) on low-degree functions and a tolerance of 2e-3 (relative to the largest
 * gradient); for a complex input the gradient's (re, im) parts must equal (dL/da, dL/db).
 */
class ComplexGradTest {
  static final float H = 1e-2f;
  static final double TOL = 2e-3;

  /** L = sum(Re(f) * r1 + Im(f) * r2) with fixed random r1, r2 so both parts matter. */
  static Tensor loss(Function<List<Tensor>, Tensor> f, List<Tensor> in) {
    Tensor y = f.apply(in);
    Tensor r1 = GradCheck.random(101, y.shape().dims()).cast(DType.FLOAT32);
    Tensor r2 = GradCheck.random(102, y.shape().dims()).cast(DType.FLOAT32);
    return ReduceOps.sum(MathOps.add(MathOps.mul(MathOps.real(y), r1),
        MathOps.mul(MathOps.imag(y), r2)));
  }

  static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    List<Tensor> xs = List.of(inputs);
    List<Tensor> analytic;
    GradientTape tape = GradientTape.start();
    try (tape) {
      tape.watch(inputs);
      analytic = tape.gradient(loss(f, xs), xs);
    }
    for (int k = 0; k < xs.size(); k++) {
      Tensor x = xs.get(k);
      float[] base = (float[]) x.data();
      float[] got = analytic.get(k) == null ? new float[base.length]
          : (float[]) analytic.get(k).data();
      double[] numeric = new double[base.length];
      double scale = 1e-3;
      for (int j = 0; j < base.length; j++) {
        numeric[j] = (eval(f, xs, k, j, H) - eval(f, xs, k, j, -H)) / (2 * H);
        scale = Math.max(scale, Math.max(Math.abs(numeric[j]), Math.abs(got[j])));
      }
      for (int j = 0; j < base.length; j++) {
        if (!(Math.abs(got[j] - numeric[j]) <= TOL * scale)) {
          throw new AssertionError("input " + k + " " + x.dtype() + x.shape() + " part " + j
              + ": analytic " + got[j] + ", numeric " + numeric[j] + "\nanalytic "
              + Arrays.toString(got) + "\nnumeric  " + Arrays.toString(numeric));
        }
      }
    }
  }

  private static double eval(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int k, int j,
      float delta) {
    Tensor x = xs.get(k);
    float[] d = ((float[]) x.data()).clone();
    d[j] += delta;
    List<Tensor> in = new ArrayList<>(xs);
    in.set(k, Tensor.wrap(x.dtype(), x.shape(), d));
    return loss(f, in).doubleValue();
  }

  @Test
  void arithmetic() {
    Tensor a = complexes(1, 1, 3, 4);
    Tensor b = complexes(2, 1, 4);
    check(in -> MathOps.add(in.get(0), in.get(1)), a, b);
    check(in -> MathOps.sub(in.get(0), in.get(1)), a, b);
    check(in -> MathOps.mul(in.get(0), in.get(1)), a, b);
    check(in -> MathOps.neg(in.get(0)), a);
    check(in -> MathOps.square(in.get(0)), a);
    check(in -> MathOps.conj(in.get(0)), a);
    check(in -> MathOps.exp(in.get(0)), a);
    // divisors kept away from 0 so the step stays small against |y|
    Tensor d = MathOps.add(complexes(3, 0.3f, 4), Tensor.ofComplex(dev.rill.core.Shape.scalar(),
        1.5f, 0.5f));
    check(in -> MathOps.div(in.get(0), in.get(1)), a, d);
  }

  @Test
  void buildingAndTakingApart() {
    Tensor re = GradCheck.random(4, 2, 3).cast(DType.FLOAT32);
    Tensor im = GradCheck.random(5, 3).cast(DType.FLOAT32);
    check(in -> MathOps.complex(in.get(0), in.get(1)), re, im);
    Tensor z = complexes(6, 2, 2, 3);
    // abs is not smooth at 0: the random points are far from it
    check(in -> MathOps.complex(MathOps.abs(in.get(0)), MathOps.real(in.get(0))), z);
    check(in -> MathOps.complex(MathOps.imag(in.get(0)), MathOps.abs(in.get(0))), z);
    // a complex scalar broadcast against a grid, then summed: the Mandelbrot step z*z + c
    Tensor c = complexes(7, 1, 3, 3);
    Tensor z0 = complexes(8, 1);
    check(in -> ReduceOps.sum(MathOps.add(MathOps.mul(in.get(0), in.get(0)), in.get(1)),
        new int[] {1}, false), z0, c);
    check(in -> MathOps.where(MathSelectTest.bools(9, 3, 1), in.get(0), in.get(1)), c, z0);
    check(in -> ReduceOps.mean(in.get(0), new int[] {0}, false), c);
  }
}
