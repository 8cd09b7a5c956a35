package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LRN against TensorFlow (lrn.json, 1e-6 + 1e-5 * |exp|), its gradient against TensorFlow's Python
 * rule with the forward attributes (gradients.json, 1e-5 + 1e-5 * |exp|), finite differences in
 * float64, and errors.
 */
class LrnTest {
  static Stream<JsonNode> forwardCases() {
    return Golden.cases("ops/lrn.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forwardCases")
  void forwardMatchesTensorFlow(JsonNode c) {
    JsonNode a = c.get("attrs");
    Tensor y = NnOps.localResponseNormalization(Golden.tensor(c.get("inputs").get("input")),
        a.get("depth_radius").asInt(), a.get("bias").floatValue(), a.get("alpha").floatValue(),
        a.get("beta").floatValue());
    Golden.assertClose(c.get("name").asText(), y, Golden.tensor(c.get("outputs").get("output")),
        1e-6, 1e-5);
  }

  static Stream<JsonNode> gradientCases() {
    return Golden.cases("ops/gradients.json").stream()
        .filter(c -> c.get("name").asText().startsWith("grad_lrn"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gradientCases")
  void gradientMatchesTensorFlowsPythonRule(JsonNode c) {
    String name = c.get("name").asText();
    JsonNode a = c.get("attrs");
    JsonNode in = c.get("inputs");
    JsonNode out = c.get("outputs");
    List<Tensor> g = ConvGoldenTest.vjp(v -> NnOps.lrn(v.get(0), a.get("depth_radius").asInt(),
            a.get("bias").floatValue(), a.get("alpha").floatValue(), a.get("beta").floatValue()),
        List.of(Golden.tensor(in.get("input"))), Golden.tensor(in.get("dy")), out.get("y"), name);
    Golden.assertClose(name + " d_input", g.get(0), Golden.tensor(out.get("d_input")), 1e-5,
        1e-5);
  }

  @ParameterizedTest(name = "radius {0} bias {1} alpha {2} beta {3} depth {4}")
  @CsvSource({
      "4, 1.0, 0.5, 0.75, 12", "2, 2.0, 0.5, 0.75, 5", "5, 1.0, 1.0, 0.5, 3", "0, 1.0, 2.0, 1.0, 4",
      "1, 0.5, 1.0, 1.5, 1"})
  void gradient(int radius, float bias, float alpha, float beta, int depth) {
    check(in -> NnOps.lrn(in.get(0), radius, bias, alpha, beta), random(11, 2, 2, 3, depth));
  }

  @Test
  void handComputedValue() {
    // radius 1 over channels [1, 2, 2]: norms 1 + (1 + 4), 1 + (1 + 4 + 4), 1 + (4 + 4); beta 1
    Tensor x = Tensor.of(Shape.of(1, 1, 1, 3), 1f, 2f, 2f);
    assertThat(NnOps.lrn(x, 1, 1f, 1f, 1f).toFloatArray())
        .containsExactly(1f / 6, 2f / 10, 2f / 9);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> NnOps.localResponseNormalization(ArrayOps.zeros(Shape.of(2, 3),
        DType.FLOAT32)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("LRN: ").hasMessageContaining("[2, 3]");
    assertThatThrownBy(() -> NnOps.lrn(ArrayOps.zeros(Shape.of(1, 1, 1, 3), DType.FLOAT32), -1,
        1f, 1f, 0.5f))
        .hasMessageStartingWith("LRN: ").hasMessageContaining("depth_radius")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> NnOps.localResponseNormalization(ArrayOps.zeros(Shape.of(1, 1, 1, 3),
        DType.INT32)))
        .hasMessageStartingWith("LRN: ").hasMessageContaining("int32");
    Tensor x = ArrayOps.zeros(Shape.of(1, 1, 1, 3), DType.FLOAT32);
    assertThatThrownBy(() -> NnOps.lrnGrad(x, x, x.reshape(1, 1, 3, 1), 5, 1f, 1f, 0.5f))
        .hasMessageStartingWith("LRNGrad: ").hasMessageContaining("[1, 1, 3, 1]");
  }
}
