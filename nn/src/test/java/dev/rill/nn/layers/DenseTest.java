package dev.rill.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.TfOracle;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.init.Initializers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenseTest {
  static Tensor f32(long seed, int... dims) {
    return GradCheck.random(seed, dims).cast(DType.FLOAT32);
  }

  @Test
  void harness() {
    LayerHarness.check(() -> new Dense(3, Activations.RELU), f32(1, 2, 4), Shape.of(2, 3),
        "dense/kernel [4, 3]", "dense/bias [3]");
    LayerHarness.check(() -> Dense.builder(3).useBias(false).build(), f32(1, 2, 5, 4),
        Shape.of(2, 5, 3), "dense/kernel [4, 3]");
  }

  @Test
  void matchesTensorFlowMatMulBiasAddRelu() {
    Tensor x = f32(2, 5, 7);
    Tensor w = f32(3, 7, 4);
    Tensor b = f32(4, 4);
    Tensor y;
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      y = Dense.builder(4).activation(Activations.RELU)
          .kernelInitializer(Initializers.constant(w)).biasInitializer(Initializers.constant(b))
          .build().apply(x);
    }
    Tensor mm = TfOracle.run("MatMul", List.of(x, w), Map.of(), 1).get(0);
    Tensor ba = TfOracle.run("BiasAdd", List.of(mm, b), Map.of(), 1).get(0);
    Tensor expected = TfOracle.run("Relu", List.of(ba), Map.of(), 1).get(0);
    Golden.assertClose("dense", y, expected, 1e-6, 1e-6);
  }

  @Test
  void higherRankInputsAreMultipliedAlongTheLastAxis() {
    Tensor x = f32(5, 2, 3, 4);
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Dense d = new Dense(2);
      Tensor y = d.apply(x);
      Tensor flat = d.apply(x.reshape(6, 4));
      assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 2));
      assertThat(y.toFloatArray()).containsExactly(flat.toFloatArray());
    }
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> new Dense(0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("units=0");
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Dense d = new Dense(2);
      d.apply(f32(1, 3, 4));
      assertThatThrownBy(() -> d.apply(f32(1, 3, 5)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("dense").hasMessageContaining("axis -1")
          .hasMessageContaining("value 4").hasMessageContaining("[3, 5]");
      assertThatThrownBy(() -> d.apply(Tensor.of(1f, 2f, 3f, 4f)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("min_ndim=2");
    }
  }
}
