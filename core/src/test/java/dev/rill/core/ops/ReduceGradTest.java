package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static dev.rill.core.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of Max, Min, Prod, logSumExp and L2Loss, and hand-derived ties/zeros. */
class ReduceGradTest {
  /** Reduction of a tensor over axes with keepDims, as a ReduceOps method reference. */
  interface Reducer {
    Tensor apply(Tensor x, int[] axes, boolean keepDims);
  }

  static Stream<Arguments> reducers() {
    return Stream.of(
        Arguments.of("max", (Reducer) ReduceOps::max),
        Arguments.of("min", (Reducer) ReduceOps::min),
        Arguments.of("prod", (Reducer) ReduceOps::prod),
        Arguments.of("logSumExp", (Reducer) ReduceOps::logSumExp));
  }

  /** Shapes with their axes: all, one, negative, several, kept, scalar, size-1, empty. */
  static final Object[][] CASES = {
      {new int[] {2, 3, 4}, null, false}, {new int[] {2, 3, 4}, new int[] {1}, false},
      {new int[] {2, 3, 4}, new int[] {-1}, true}, {new int[] {2, 3, 4}, new int[] {0, 2}, false},
      {new int[] {2, 3, 4}, new int[] {}, false}, {new int[] {}, null, false},
      {new int[] {}, null, true}, {new int[] {1}, new int[] {0}, false},
      {new int[] {4, 1}, new int[] {1}, true}, {new int[] {2, 0, 3}, new int[] {0}, false}};

  @ParameterizedTest(name = "{0}")
  @MethodSource("reducers")
  void gradientsMatchFiniteDifferences(String name, Reducer f) {
    int seed = 1;
    for (Object[] c : CASES) {
      int[] axes = (int[]) c[1];
      boolean keep = (boolean) c[2];
      // away from 0 so prod's quotient form is well conditioned; distinct values, so no ties
      Tensor x = uniform(seed++, 0.5, 2, (int[]) c[0]);
      Tensor signed = MathOps.mul(x, uniform(seed++, -1, 1, (int[]) c[0]));
      check(in -> f.apply(in.get(0), axes, keep), signed);
    }
  }

  @Test
  void secondOrderGradientsOfProdAndLogSumExp() {
    // d/dx of sum(d prod / dx) and of sum(softmax): differentiating the gradient rules themselves
    for (Reducer f : List.<Reducer>of(ReduceOps::prod, ReduceOps::logSumExp, ReduceOps::max)) {
      check(in -> {
        Tensor x = in.get(0);
        GradientTape inner = GradientTape.start();
        Tensor y;
        try (inner) {
          inner.watch(x);
          y = MathOps.square(f.apply(x, new int[] {1}, false)).sum();
        }
        return inner.gradient(y, x);
      }, uniform(3, 0.5, 2, 2, 3));
    }
  }

  @Test
  void l2LossGradientMatchesFiniteDifferences() {
    for (int[] dims : new int[][] {{}, {1}, {3, 4}, {2, 0, 3}}) {
      check(in -> ReduceOps.l2Loss(in.get(0)), random(dims.length, dims));
    }
  }

  @Test
  void maxAndMinGradientsAreSharedAmongTies() {
    // TensorFlow divides dy by the number of elements equal to the extreme
    Tensor x = Tensor.of(Shape.of(2, 4), 1f, 3f, 3f, 0f, 5f, 5f, 5f, -1f);
    Tensor y = Tensor.of(4f, 2f, 2f, 2f, 9f);
    GradientTape tape = GradientTape.persistent();
    Tensor mx;
    Tensor mn;
    try (tape) {
      tape.watch(x, y);
      mx = ReduceOps.max(x, new int[] {1}, false).mul(Tensor.of(2f, 6f)).sum();
      mn = ReduceOps.min(y).mul(3f);
    }
    assertThat(tape.gradient(mx, x).toFloatArray())
        .containsExactly(0f, 1f, 1f, 0f, 2f, 2f, 2f, 0f);
    assertThat(tape.gradient(mn, y).toFloatArray()).containsExactly(0f, 1f, 1f, 1f, 0f);
  }

  @Test
  void prodGradientHandlesZerosAsProductOfTheOthers() {
    // rows: no zero -> prod/x; one zero -> only the zero gets the product of the rest;
    // two zeros -> all 0
    Tensor x = Tensor.of(Shape.of(3, 3), 2f, 3f, 4f, 2f, 0f, 5f, 0f, 7f, 0f);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = ReduceOps.prod(x, new int[] {1}, false).sum();
    }
    assertThat(tape.gradient(y, x).toFloatArray())
        .containsExactly(12f, 8f, 6f, 0f, 10f, 0f, 0f, 0f, 0f);
  }

  @Test
  void logSumExpHandlesInfinitiesAndHugeValues() {
    Tensor x = Tensor.of(new float[][] {{1000f, 1000f}, {Float.NEGATIVE_INFINITY,
        Float.NEGATIVE_INFINITY}, {Float.NEGATIVE_INFINITY, 0f}});
    GradientTape tape = GradientTape.start();
    Tensor y;
    Tensor weighted;
    try (tape) {
      tape.watch(x);
      y = ReduceOps.logSumExp(x, new int[] {1}, false);
      weighted = y.mul(Tensor.of(1f, 0f, 1f)).sum();
    }
    float[] v = y.toFloatArray();
    assertThat(v[0]).isEqualTo(1000f + (float) Math.log(2));
    assertThat(v[1]).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(v[2]).isEqualTo(0f);
    // the gradient is the softmax over the row
    float[] g = tape.gradient(weighted, x).toFloatArray();
    assertThat(g[0]).isEqualTo(0.5f);
    assertThat(g[1]).isEqualTo(0.5f);
    assertThat(g[4]).isEqualTo(0f);
    assertThat(g[5]).isEqualTo(1f);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("composites")
  void compositesOfReductions(String name, Function<Tensor, Tensor> f) {
    check(in -> f.apply(in.get(0)), random(5, 3, 4));
  }

  static Stream<Arguments> composites() {
    return Stream.of(
        // softmax cross-entropy written with logSumExp, as nn code does
        Arguments.of("log softmax", (Function<Tensor, Tensor>) x ->
            MathOps.sub(x, ReduceOps.logSumExp(x, new int[] {1}, true))),
        Arguments.of("max - min", (Function<Tensor, Tensor>) x ->
            MathOps.sub(ReduceOps.max(x, new int[] {0}, false), ReduceOps.min(x, new int[] {0},
                false))),
        Arguments.of("l2Loss of where", (Function<Tensor, Tensor>) x ->
            ReduceOps.l2Loss(MathOps.where(MathOps.greater(x, x.like(0)), x, x.mul(0.1f)))));
  }
}
