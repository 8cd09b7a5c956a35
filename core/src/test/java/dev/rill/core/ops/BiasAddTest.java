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
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BiasAdd and BiasAddGrad: finite differences, TensorFlow's numbers, errors. */
class BiasAddTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3,4", "2,3,4,5", "1,1", "2,0,3", "4,1"})
  void gradients(String dims) {
    int[] d = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
    check(in -> NnOps.biasAdd(in.get(0), in.get(1)), random(1, d), random(2, d[d.length - 1]));
    // BiasAddGrad is linear; its rule broadcasts back
    check(in -> NnOps.biasAddGrad(in.get(0)), random(3, d));
  }

  @Test
  void matchesTensorFlow() {
    Tensor x = random(4, 3, 7, 6, 33).cast(DType.FLOAT32);
    Tensor b = random(5, 33).cast(DType.FLOAT32);
    Golden.assertClose("BiasAdd", NnOps.biasAdd(x, b),
        TfOracle.run("BiasAdd", List.of(x, b), Map.of(), 1).get(0), 0, 0);
    Golden.assertClose("BiasAddGrad", NnOps.biasAddGrad(x),
        TfOracle.run("BiasAddGrad", List.of(x), Map.of(), 1).get(0), 1e-5, 1e-5);
    Tensor xi = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
    assertThat(NnOps.biasAdd(xi, Tensor.of(10, 20, 30)).toIntArray())
        .containsExactly(11, 22, 33, 14, 25, 36);
  }

  @Test
  void softmaxReluBiasAddMatMulGradientMatchesTensorFlow() {
    // Softmax belongs to another op family; exp(z) / sum(exp(z)) is the same function here
    JsonNode c = Golden.cases("ops/gradients.json").stream()
        .filter(n -> n.get("name").asText().equals("grad_softmax_relu_biasadd_matmul"))
        .findFirst().orElseThrow();
    JsonNode in = c.get("inputs");
    JsonNode out = c.get("outputs");
    List<Tensor> xs = List.of(Golden.tensor(in.get("x")), Golden.tensor(in.get("w")),
        Golden.tensor(in.get("b")));
    List<Tensor> g = ConvGoldenTest.vjp(v -> {
      Tensor e = MathOps.exp(MathOps.relu(NnOps.biasAdd(LinalgOps.matmul(v.get(0), v.get(1)),
          v.get(2))));
      return MathOps.div(e, ReduceOps.sum(e, new int[] {1}, true));
    }, xs, Golden.tensor(in.get("dy")), out.get("y"), "softmax(relu(biasadd(matmul)))");
    String[] names = {"d_x", "d_w", "d_b"};
    for (int i = 0; i < 3; i++) {
      Golden.assertClose(names[i], g.get(i), Golden.tensor(out.get(names[i])), 1e-5, 1e-5);
    }
  }

  @Test
  void errors() {
    Tensor x = ArrayOps.zeros(Shape.of(2, 3), DType.FLOAT32);
    assertThatThrownBy(() -> NnOps.biasAdd(x, ArrayOps.zeros(Shape.of(2), DType.FLOAT32)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("BiasAdd: ").hasMessageContaining("[2, 3]")
        .hasMessageContaining("[2]");
    assertThatThrownBy(() -> NnOps.biasAdd(x.reshape(6), ArrayOps.zeros(Shape.of(6),
        DType.FLOAT32)))
        .hasMessageStartingWith("BiasAdd: ").hasMessageContaining("at least 2-dimensional");
    assertThatThrownBy(() -> NnOps.biasAdd(x, ArrayOps.zeros(Shape.of(3), DType.FLOAT64)))
        .hasMessageStartingWith("BiasAdd: ").hasMessageContaining("float64");
    assertThatThrownBy(() -> NnOps.biasAddGrad(x.reshape(6)))
        .hasMessageStartingWith("BiasAddGrad: ").hasMessageContaining("[6]");
  }
}
