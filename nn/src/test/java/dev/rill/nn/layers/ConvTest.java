package dev.rill.nn.layers;

import static dev.rill.nn.layers.DenseTest.f32;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.init.Initializers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvTest {
  private static final double TOL = 1e-5;

  @Test
  void conv2dHarness() {
    LayerHarness.check(() -> Conv2D.builder(4, 3).padding("same").build(), f32(1, 2, 6, 6, 3),
        Shape.of(2, 6, 6, 4), "conv2d/kernel [3, 3, 3, 4]", "conv2d/bias [4]");
    LayerHarness.check(() -> Conv2D.builder(2, 3, 2).strides(2).build(), f32(1, 1, 7, 6, 1),
        Shape.of(1, 3, 3, 2), "conv2d/kernel [3, 2, 1, 2]", "conv2d/bias [2]");
  }

  @Test
  void conv1dHarness() {
    LayerHarness.check(() -> Conv1D.builder(5, 3).useBias(false).build(), f32(1, 2, 9, 4),
        Shape.of(2, 7, 5), "conv1d/kernel [3, 4, 5]");
  }

  @Test
  void conv2dMatchesTensorFlow() {
    // strides 2 with SAME on an even size pads asymmetrically; dilation 2 with VALID
    check(Conv2D.builder(3, 3).strides(2).padding("SAME"), new int[] {1, 2, 2, 1},
        "SAME", new int[] {1, 1, 1, 1});
    check(Conv2D.builder(3, 3).dilationRate(2).padding("valid"), new int[] {1, 1, 1, 1},
        "VALID", new int[] {1, 2, 2, 1});
  }

  private static void check(Conv2D.Builder options, int[] strides, String padding,
      int[] dilations) {
    Tensor x = f32(10, 2, 8, 8, 2);
    Tensor w = f32(11, 3, 3, 2, 3);
    Tensor b = f32(12, 3);
    Tensor y;
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      y = options.activation(Activations.RELU).kernelInitializer(Initializers.constant(w))
          .biasInitializer(Initializers.constant(b)).build().apply(x);
    }
    Tensor conv = TfOracle.run("Conv2D", List.of(x, w),
        Map.of("strides", strides, "padding", padding, "dilations", dilations), 1).get(0);
    Tensor expected = TfOracle.run("Relu",
        List.of(TfOracle.run("BiasAdd", List.of(conv, b), Map.of(), 1).get(0)), Map.of(), 1)
        .get(0);
    Golden.assertClose("conv2d " + padding, y, expected, TOL, TOL);
  }

  @Test
  void conv1dMatchesTensorFlowAsConv2dOverAHeightOfOne() {
    Tensor x = f32(20, 2, 9, 3);
    Tensor w = f32(21, 4, 3, 5);
    Tensor b = f32(22, 5);
    Tensor y;
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      y = Conv1D.builder(5, 4).strides(2).padding("same")
          .kernelInitializer(Initializers.constant(w)).biasInitializer(Initializers.constant(b))
          .build().apply(x);
    }
    Tensor conv = TfOracle.run("Conv2D", List.of(x.reshape(2, 1, 9, 3), w.reshape(1, 4, 3, 5)),
        Map.of("strides", new int[] {1, 1, 2, 1}, "padding", "SAME"), 1).get(0);
    Tensor expected = TfOracle.run("BiasAdd", List.of(conv, b), Map.of(), 1).get(0);
    Golden.assertClose("conv1d", y, expected.reshape(2, 5, 5), TOL, TOL);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Conv2D.builder(0, 3).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filters=0");
    assertThatThrownBy(() -> Conv2D.builder(2, 3).padding("full").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("padding=full");
    assertThatThrownBy(() -> Conv2D.builder(2, 3).strides(2).dilationRate(2).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("dilation_rate");
    assertThatThrownBy(() -> Conv2D.builder(2, 3, 3, 3))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("kernel_size");
    assertThatThrownBy(() -> Conv1D.builder(2, 0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("kernel_size");
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Conv2D c = Conv2D.builder(2, 3).build();
      assertThatThrownBy(() -> c.apply(f32(1, 5, 5, 2)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[5, 5, 2]");
      c.apply(f32(1, 1, 5, 5, 2));
      assertThatThrownBy(() -> c.apply(f32(1, 1, 5, 5)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ndim=4")
          .hasMessageContaining("conv2d");
      assertThatThrownBy(() -> c.apply(f32(1, 1, 5, 5, 3)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("value 2");
    }
  }
}
