package dev.rill.nn.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationsTest {
  static Stream<Arguments> activations() {
    return Stream.of(
        Arguments.of("relu", "Relu"), Arguments.of("relu6", "Relu6"), Arguments.of("elu", "Elu"),
        Arguments.of("selu", "Selu"), Arguments.of("sigmoid", "Sigmoid"),
        Arguments.of("tanh", "Tanh"), Arguments.of("softmax", "Softmax"),
        Arguments.of("softplus", "Softplus"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  void matchTensorFlowAndHaveGradients(String name, String tfOp) {
    Activation a = Activations.byName(name);
    // values in [-8, 8) reach relu6's upper kink and the saturated ends of sigmoid and tanh
    Tensor x = GradCheck.uniform(1, -8, 8, 4, 5).cast(DType.FLOAT32);
    Tensor expected = TfOracle.run(tfOp, List.of(x), Map.of(), 1).get(0);
    Golden.assertClose(name, a.apply(x), expected, 1e-6, 1e-5);
    Tensor x64 = GradCheck.uniform(2, -3, 3, 3, 4);
    GradCheck.check(in -> a.apply(in.get(0)), x64);
  }

  @Test
  void linearAndNull() {
    Tensor x = Tensor.of(-1f, 2f);
    assertThat(Activations.apply(null, x)).isSameAs(x);
    assertThat(Activations.LINEAR.apply(x)).isSameAs(x);
    assertThat(Activations.byName(null)).isSameAs(Activations.LINEAR);
    assertThat(Activations.byName("ReLU")).isSameAs(Activations.RELU);
    // selu(1) = scale, selu(-inf) -> -scale * alpha
    assertThat(Activations.SELU.apply(Tensor.of(1.0, -50.0)).toDoubleArray()).containsExactly(
        Activations.SELU_SCALE, -Activations.SELU_SCALE * Activations.SELU_ALPHA);
    assertThatThrownBy(() -> Activations.byName("swish"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'swish'");
  }
}
