package dev.rill.nn.layers;

import static dev.rill.nn.layers.DenseTest.f32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolingTest {
  @Test
  void harnessAndNames() {
    Tensor x = f32(1, 2, 6, 6, 3);
    LayerHarness.check(() -> new MaxPooling2D(2, 2), x, Shape.of(2, 3, 3, 3));
    LayerHarness.check(() -> new AveragePooling2D(new int[] {3}, null, "same"), x,
        Shape.of(2, 2, 2, 3));
    Tensor seq = f32(2, 2, 9, 3);
    LayerHarness.check(() -> new MaxPooling1D(3, 2), seq, Shape.of(2, 4, 3));
    LayerHarness.check(() -> new AveragePooling1D(2, 2, "same", null), seq, Shape.of(2, 5, 3));
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      MaxPooling2D a = new MaxPooling2D(2, 2);
      a.apply(x);
      AveragePooling2D b = new AveragePooling2D(2, 2);
      b.apply(x);
      MaxPooling2D c = new MaxPooling2D(2, 2);
      c.apply(x);
      assertThat(List.of(a.name(), b.name(), c.name()))
          .containsExactly("max_pooling2d", "average_pooling2d", "max_pooling2d_1");
    }
  }

  @Test
  void matchTensorFlow() {
    Tensor x = f32(3, 2, 7, 7, 3);
    Map<String, Object> sameS2 = Map.of("ksize", new int[] {1, 3, 3, 1},
        "strides", new int[] {1, 2, 2, 1}, "padding", "SAME");
    Map<String, Object> validS2 = Map.of("ksize", new int[] {1, 2, 2, 1},
        "strides", new int[] {1, 2, 2, 1}, "padding", "VALID");
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Golden.assertClose("max same", Layers.maxPooling2d(x, new int[] {3, 3}, new int[] {2},
          "same"), TfOracle.run("MaxPool", List.of(x), sameS2, 1).get(0), 0, 0);
      Golden.assertClose("avg same", Layers.averagePooling2d(x, new int[] {3, 3},
          new int[] {2, 2}, "SAME"), TfOracle.run("AvgPool", List.of(x), sameS2, 1).get(0),
          1e-6, 1e-6);
      Golden.assertClose("max valid", Layers.maxPooling2d(x, new int[] {2, 2}, 2),
          TfOracle.run("MaxPool", List.of(x), validS2, 1).get(0), 0, 0);
      Golden.assertClose("avg valid", Layers.averagePooling2d(x, 2, 2),
          TfOracle.run("AvgPool", List.of(x), validS2, 1).get(0), 1e-6, 1e-6);
      Tensor seq = f32(4, 2, 8, 3);
      Map<String, Object> oneD = Map.of("ksize", new int[] {1, 1, 3, 1},
          "strides", new int[] {1, 1, 2, 1}, "padding", "SAME");
      Tensor x4 = seq.reshape(2, 1, 8, 3);
      Golden.assertClose("max1d", Layers.maxPooling1d(seq, 3, 2, "same"),
          TfOracle.run("MaxPool", List.of(x4), oneD, 1).get(0).reshape(2, 4, 3), 0, 0);
      Golden.assertClose("avg1d", Layers.averagePooling1d(seq, 3, 2, "same"),
          TfOracle.run("AvgPool", List.of(x4), oneD, 1).get(0).reshape(2, 4, 3), 1e-6, 1e-6);
    }
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> new MaxPooling2D(0, 2)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pool_size");
    assertThatThrownBy(() -> new MaxPooling1D(2, 2, "none", null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("padding=none");
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      assertThatThrownBy(() -> Layers.maxPooling2d(f32(1, 4, 4, 2), 2, 2))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ndim=4")
          .hasMessageContaining("max_pooling2d");
      assertThatThrownBy(() -> Layers.averagePooling1d(f32(1, 4, 4, 4, 2), 2, 2))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ndim=3");
    }
  }
}
