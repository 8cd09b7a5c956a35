package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.random.Rng;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Dropout: keep rate within five standard errors on 1e5 elements, scaling, masks, gradients. */
class DropoutTest {
  private static final int N = 100_000;

  @Test
  void keepsOneMinusRateAndScalesTheKeptValues() {
    for (double rate : new double[] {0.1, 0.5, 0.8}) {
      Tensor x = ArrayOps.ones(Shape.of(N), DType.FLOAT32);
      float[] y = NnOps.dropout(x, rate, 17).floatData();
      float scale = (float) (1 / (1 - rate));
      int kept = 0;
      int other = 0;
      for (float v : y) {
        if (v == scale) {
          kept++;
        } else if (v != 0f) {
          other++;
        }
      }
      assertThat(other).as("values neither 0 nor 1/(1-rate)").isZero();
      double sd = Math.sqrt(rate * (1 - rate) / N);
      assertThat((double) kept / N).isCloseTo(1 - rate, Offset.offset(5 * sd));
      // kept * scale / N estimates E[y] = x = 1
      assertThat(kept * (double) scale / N).isCloseTo(1, Offset.offset(5 * sd * scale));
    }
  }

  @Test
  void maskIsUniformAtLeastRateFromTheSameStream() {
    Tensor x = random(4, 6, 7);
    double rate = 0.35;
    Tensor u = RandomOps.uniform(x.shape(), DType.FLOAT64, 99);
    double[] expected = x.toDoubleArray();
    double[] uv = u.toDoubleArray();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = uv[i] >= rate ? expected[i] * (1 / (1 - rate)) : 0;
    }
    // (a dropped negative value may come out as -0.0)
    assertThat(NnOps.dropout(x, rate, 99).toDoubleArray()).containsExactly(expected,
        Offset.offset(0.0));
  }

  @Test
  void rateZeroReturnsTheInput() {
    Tensor x = Tensor.of(1f, 2f);
    assertThat(NnOps.dropout(x, 0, 1)).isSameAs(x);
    Rng rng = new Rng(3);
    assertThat(NnOps.dropout(x, 0.0, rng)).isSameAs(x);
    // the generator still takes a stream, so later masks do not depend on the rate
    assertThat(rng.counter()).isEqualTo(2);
  }

  @Test
  void seedsRepeatAndGeneratorsAdvance() {
    Tensor x = ArrayOps.ones(Shape.of(1000), DType.FLOAT32);
    assertThat(NnOps.dropout(x, 0.5, 8).contentEquals(NnOps.dropout(x, 0.5, 8))).isTrue();
    assertThat(NnOps.dropout(x, 0.5, 8).contentEquals(NnOps.dropout(x, 0.5, 9))).isFalse();
    Rng rng = new Rng(8);
    Tensor first = NnOps.dropout(x, 0.5, rng);
    Tensor second = NnOps.dropout(x, 0.5, rng);
    assertThat(first.contentEquals(second)).isFalse();
    Rng rerun = new Rng(8);
    assertThat(NnOps.dropout(x, 0.5, rerun).contentEquals(first)).isTrue();
    assertThat(NnOps.dropout(x, 0.5, rerun).contentEquals(second)).isTrue();
  }

  @Test
  void noiseShapeSharesTheMaskAlongSizeOneAxes() {
    Tensor x = ArrayOps.ones(Shape.of(200, 5), DType.FLOAT32);
    // [200, 1]: whole rows kept or dropped; [-1, 1] is the same shape
    for (Shape noise : new Shape[] {Shape.of(200, 1), Shape.of(-1, 1)}) {
      float[] y = NnOps.dropout(x, 0.5, noise, 4).floatData();
      int keptRows = 0;
      for (int r = 0; r < 200; r++) {
        for (int c = 1; c < 5; c++) {
          assertThat(y[r * 5 + c]).isEqualTo(y[r * 5]);
        }
        keptRows += y[r * 5] != 0 ? 1 : 0;
      }
      assertThat(keptRows).isBetween(60, 140);
    }
    // [5]: whole columns
    float[] y = NnOps.dropout(x, 0.5, Shape.of(5), new Rng(2)).floatData();
    for (int r = 1; r < 200; r++) {
      for (int c = 0; c < 5; c++) {
        assertThat(y[r * 5 + c]).isEqualTo(y[c]);
      }
    }
  }

  @Test
  void gradientFlowsThroughTheMask() {
    for (int[] dims : new int[][] {{3, 4}, {1}, {1, 1}, {2, 0}, {5, 3, 2}}) {
      check(in -> NnOps.dropout(in.get(0), 0.4, 21), random(dims.length, dims));
    }
    check(in -> NnOps.dropout(in.get(0), 0.5, Shape.of(4, 1), 22), random(9, 4, 3));
    // dy/dx = mask / (1 - rate)
    Tensor x = random(3, 50);
    GradientTape tape = GradientTape.start();
    Tensor y;
    Tensor sum;
    try (tape) {
      tape.watch(x);
      y = NnOps.dropout(x, 0.75, 5);
      sum = ReduceOps.sum(y);
    }
    double[] g = tape.gradient(sum, x).toDoubleArray();
    double[] yv = y.toDoubleArray();
    for (int i = 0; i < g.length; i++) {
      assertThat(g[i]).isEqualTo(yv[i] == 0 ? 0 : 4);
    }
  }

  @Test
  void errors() {
    Tensor x = Tensor.of(1f, 2f);
    for (double rate : new double[] {1, -0.1, Double.NaN, 2}) {
      assertThatThrownBy(() -> NnOps.dropout(x, rate, 1))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("Dropout:").hasMessageContaining("rate=" + rate);
    }
    assertThatThrownBy(() -> NnOps.dropout(Tensor.of(1, 2), 0.5, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Dropout:").hasMessageContaining("int32");
    assertThatThrownBy(() -> NnOps.dropout(ArrayOps.ones(Shape.of(3, 4), DType.FLOAT32), 0.5,
        Shape.of(3, 2), 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Dropout:").hasMessageContaining("[3, 2]")
        .hasMessageContaining("[3, 4]");
  }
}
