package dev.rill.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.testing.GradCheck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
  @Test
  void globalNormClipsEverythingByOneScale() {
    // norms 5 and 12: global sqrt(25 + 144) = 13; clip 6.5 halves everything
    Tensor a = Tensor.of(3f, 4f);
    Tensor b = Tensor.of(new float[][] {{0, 12}});
    GradientClipping.Clipped c = GradientClipping.clipByGlobalNorm(Arrays.asList(a, null, b),
        6.5);
    assertThat(c.globalNorm().floatValue()).isEqualTo(13f);
    assertThat(c.tensors().get(0).floatData()).containsExactly(1.5f, 2f);
    assertThat(c.tensors().get(1)).isNull();
    assertThat(c.tensors().get(2).floatData()).containsExactly(0f, 6f);
    // below the clip: unchanged up to the rounding of clip * (1 / clip)
    GradientClipping.Clipped same = GradientClipping.clipByGlobalNorm(List.of(a, b), 20);
    assertThat(same.tensors().get(0).floatData()[1]).isCloseTo(4f, within(1e-6f));
  }

  @Test
  void infiniteOrNanNormsMakeEverythingNan() {
    for (float bad : new float[] {Float.POSITIVE_INFINITY, Float.NaN}) {
      GradientClipping.Clipped c = GradientClipping.clipByGlobalNorm(
          List.of(Tensor.of(bad, 1f), Tensor.of(2f)), 1);
      assertThat(c.tensors().get(1).floatValue()).isNaN();
      assertThat(c.tensors().get(0).floatData()[1]).isNaN();
    }
  }

  @Test
  void globalNormMatchesADoubleComputation() {
    Tensor x = GradCheck.random(3, 4, 5);
    Tensor y = GradCheck.random(4, 7);
    double sum = 0;
    for (double v : x.doubleData()) {
      sum += v * v;
    }
    for (double v : y.doubleData()) {
      sum += v * v;
    }
    double norm = Math.sqrt(sum);
    GradientClipping.Clipped c = GradientClipping.clipByGlobalNorm(List.of(x, y), 1.5);
    assertThat(c.globalNorm().doubleValue()).isCloseTo(norm, within(1e-12));
    assertThat(c.tensors().get(1).doubleData()[3]).isCloseTo(y.doubleData()[3] * 1.5 / norm,
        within(1e-12));
  }

  @Test
  void clippingIsDifferentiable() {
    GradCheck.check(in -> GradientClipping.clipByGlobalNorm(in, 0.7).tensors().get(0).sum()
        .add(GradientClipping.clipByGlobalNorm(in, 0.7).tensors().get(1).mul(Tensor.scalar(2.0)).sum()),
        GradCheck.random(5, 2, 3), GradCheck.random(6, 4));
    GradCheck.check(in -> GradientClipping.clipByNorm(in.get(0), 0.5, 1).square().sum(),
        GradCheck.random(7, 3, 4));
  }

  @Test
  void gradientListsKeepTheirVariablesAndRows() {
    Variable v = new Variable("v", Tensor.of(1f, 1f));
    Variable e = new Variable("e", Tensor.of(new float[][] {{0, 0}, {0, 0}, {0, 0}}));
    IndexedSlices rows = new IndexedSlices(Tensor.of(new float[][] {{0, 12}}), Tensor.of(2),
        e.shape());
    GradientClipping.ClippedGradients c = GradientClipping.clipGradientsByGlobalNorm(List.of(
        new GradAndVar(Tensor.of(3f, 4f), v), new GradAndVar(rows, e),
        new GradAndVar((Tensor) null, new Variable("none", Tensor.of(0f)))), 6.5);
    assertThat(c.globalNorm().floatValue()).isEqualTo(13f);
    assertThat(c.gradients().get(0).variable()).isSameAs(v);
    assertThat(c.gradients().get(0).gradient().floatData()).containsExactly(1.5f, 2f);
    assertThat(c.gradients().get(1).slices().values().floatData()).containsExactly(0f, 6f);
    assertThat(c.gradients().get(1).slices().indices().intData()).containsExactly(2);
    assertThat(c.gradients().get(2).isNull()).isTrue();
  }

  @Test
  void clipByNormWholeAndPerAxis() {
    assertThat(GradientClipping.clipByNorm(Tensor.of(3f, 4f), 2.5).floatData())
        .containsExactly(1.5f, 2f);
    assertThat(GradientClipping.clipByNorm(Tensor.of(3f, 4f), 10).floatData())
        .containsExactly(3f, 4f);
    Tensor rows = Tensor.of(new float[][] {{3, 4}, {0.3f, 0.4f}, {0, 0}});
    float[] out = GradientClipping.clipByNorm(rows, 1, 1).floatData();
    assertThat(out[0]).isCloseTo(0.6f, within(1e-7f));
    assertThat(out[1]).isCloseTo(0.8f, within(1e-7f));
    assertThat(out[2]).isCloseTo(0.3f, within(1e-7f));
    assertThat(out[4]).isZero();
    assertThat(GradientClipping.clipByNorm(Tensor.of(0f, 0f), 1).floatData())
        .containsExactly(0f, 0f);
  }

  @Test
  void clipByValue() {
    assertThat(GradientClipping.clipByValue(Tensor.of(-2f, 0.5f, 3f), -1, 1).floatData())
        .containsExactly(-1f, 0.5f, 1f);
    assertThat(GradientClipping.clipByValue(Tensor.of(new float[][] {{-2, 2}, {5, -5}}),
        Tensor.of(-1f, 0f), Tensor.of(1f, 3f)).floatData()).containsExactly(-1f, 2f, 1f, 0f);
  }

  @Test
  void badArguments() {
    assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(List.of(Tensor.of(1f)), 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("clip_by_global_norm: clip_norm must be positive, got 0.0");
    assertThatThrownBy(() -> GradientClipping.globalNorm(Arrays.asList(null, null)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("global_norm: no tensors (all 2 are null)");
    assertThatThrownBy(() -> GradientClipping.globalNorm(List.of(Tensor.of(1f), Tensor.of(1.0))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("global_norm: tensors must share one floating dtype, got float32 and float64");
    assertThatThrownBy(() -> GradientClipping.clipByNorm(Tensor.of(1, 2), 1))
        .hasMessageStartingWith("clip_by_norm: tensor must be floating, got int32");
    assertThatThrownBy(() -> GradientClipping.clipByValue(Tensor.of(1f), 2, 1))
        .hasMessageStartingWith("clip_by_value: clip_value_min 2.0 is greater than");
    assertThatThrownBy(() -> GradientClipping.clipByValue(Tensor.of(1f),
        Tensor.of(Shape.of(2), 0f, 0f), Tensor.scalar(1f)))
        .hasMessageStartingWith("clip_by_value: bounds of shape [2]");
  }
}
