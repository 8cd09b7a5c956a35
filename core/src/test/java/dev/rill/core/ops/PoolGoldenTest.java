package dev.rill.core.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MaxPool and AvgPool against TensorFlow (pool.json: MaxPool exact, AvgPool 1e-6 + 1e-6 * |exp|)
 * and their gradients (gradients.json: 1e-6 for pooling, as the file states).
 */
class PoolGoldenTest {
  static Stream<JsonNode> forwardCases() {
    return Golden.cases("ops/pool.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forwardCases")
  void forwardMatchesTensorFlow(JsonNode c) {
    String name = c.get("name").asText();
    Tensor x = Golden.tensor(c.get("inputs").get("input"));
    Tensor expected = Golden.tensor(c.get("outputs").get("output"));
    boolean max = c.get("op").asText().equals("MaxPool");
    Tensor y = pool(max, c.get("attrs")).apply(x);
    if (max) {
      Golden.assertClose(name, y, expected, 0, 0);
    } else {
      Golden.assertClose(name, y, expected, 1e-6, 1e-6);
    }
  }

  static Stream<JsonNode> gradientCases() {
    return Golden.cases("ops/gradients.json").stream().filter(c -> {
      String n = c.get("name").asText();
      return n.startsWith("grad_MaxPool") || n.startsWith("grad_AvgPool");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gradientCases")
  void gradientsMatchTensorFlow(JsonNode c) {
    String name = c.get("name").asText();
    JsonNode in = c.get("inputs");
    JsonNode out = c.get("outputs");
    Function<Tensor, Tensor> f = pool(name.startsWith("grad_MaxPool"), c.get("attrs"));
    List<Tensor> g = ConvGoldenTest.vjp(v -> f.apply(v.get(0)),
        List.of(Golden.tensor(in.get("input"))), Golden.tensor(in.get("dy")), out.get("y"), name);
    Golden.assertClose(name + " d_input", g.get(0), Golden.tensor(out.get("d_input")), 1e-6,
        1e-6);
  }

  private static Function<Tensor, Tensor> pool(boolean max, JsonNode a) {
    int[] k = ConvGoldenTest.ints(a.get("ksize"));
    int[] s = ConvGoldenTest.ints(a.get("strides"));
    String p = a.get("padding").asText();
    return max ? x -> NnOps.maxPool(x, k, s, p) : x -> NnOps.avgPool(x, k, s, p);
  }
}
