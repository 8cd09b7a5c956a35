package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * top_k against TensorFlow's golden file and TF itself (exact: values and indices, ties lower index
 * first), its gradient, in_top_k's tie and non-finite rules, and errors.
 */
class TopKTest {
  static List<JsonNode> golden() {
    return Golden.cases("ops/top_k.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void matchesGoldenFile(JsonNode c) {
    Tensor x = Golden.tensor(c.get("inputs").get("input"));
    int k = c.get("attrs").get("k").asInt();
    List<Tensor> out = ArrayOps.topK(x, k);
    Golden.assertClose(c.get("name").asText() + " values", out.get(0),
        Golden.tensor(c.get("outputs").get("values")), 0, 0);
    Golden.assertClose(c.get("name").asText() + " indices", out.get(1),
        Golden.tensor(c.get("outputs").get("indices")), 0, 0);
  }

  @Test
  void randomRowsWithTiesMatchTensorFlow() {
    SplittableRandom r = new SplittableRandom(7);
    int[][] shapes = {{4, 17}, {2, 3, 9}, {50}, {3, 0}, {0, 5}};
    for (int[] dims : shapes) {
      Shape s = Shape.of(dims);
      float[] f = new float[s.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = r.nextInt(-4, 5) * 0.5f; // few distinct values: many ties, and -0 vs 0
        if (f[i] == 0 && r.nextBoolean()) {
          f[i] = -0f;
        }
      }
      Tensor x = Tensor.of(s, f);
      int n = s.dim(-1);
      for (Tensor t : List.of(x, x.cast(DType.FLOAT64), x.mul(4f).cast(DType.INT64))) {
        for (int k : new int[] {0, Math.min(1, n), Math.min(3, n), n}) {
          List<Tensor> expected = TfOracle.run("TopKV2", List.of(t, Tensor.scalar(k)),
              Map.of("sorted", true), 2);
          List<Tensor> got = ArrayOps.topK(t, k);
          String what = "TopKV2 " + t.dtype() + s + " k=" + k;
          Golden.assertClose(what + " values", got.get(0), expected.get(0), 0, 0);
          Golden.assertClose(what + " indices", got.get(1), expected.get(1), 0, 0);
        }
      }
    }
  }

  @Test
  void gradientScattersIntoTheChosenPositions() {
    check(in -> ArrayOps.topK(in.get(0), 2).get(0), GradCheck.random(1, 3, 5));
    check(in -> ArrayOps.topK(in.get(0), 1).get(0), GradCheck.random(2, 2, 2, 4));
    check(in -> ArrayOps.topK(in.get(0), 3).get(0), GradCheck.random(3, 3));
    check(in -> ArrayOps.topK(in.get(0), 0).get(0), GradCheck.random(4, 2, 3));
  }

  @Test
  void inTopKFollowsTensorFlowTiesAndNonFinite() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    Tensor p = Tensor.of(new float[][] {
        {0.1f, 0.5f, 0.5f, 0.2f}, // target 2 ties with 1: both count as top-1
        {0.1f, 0.5f, 0.5f, 0.2f}, // target 3: two entries are larger
        {0.4f, nan, 0.1f, 0.2f},  // a NaN anywhere in the row: false
        {0.4f, 0.3f, inf, 0.2f},  // an infinity too
        {0.4f, 0.3f, 0.1f, 0.2f}, // target out of range: false
        {0.4f, 0.3f, 0.1f, 0.2f}});
    Tensor targets = Tensor.of(2, 3, 0, 0, 7, 3);
    for (int k : new int[] {0, 1, 2, 3, 5}) {
      Tensor expected = TfOracle.run("InTopKV2", List.of(p, targets, Tensor.scalar(k)), Map.of(),
          1).get(0);
      Golden.assertClose("InTopKV2 k=" + k, ArrayOps.inTopK(p, targets, k), expected, 0, 0);
    }
    assertThat(ArrayOps.inTopK(p, targets, 1).toBooleanArray())
        .containsExactly(true, false, false, false, false, false);
    Tensor longs = Tensor.of(1L, 1L, 0L, 0L, 0L, 0L);
    Tensor expected = TfOracle.run("InTopKV2", List.of(p, longs, Tensor.scalar(2L)), Map.of(), 1)
        .get(0);
    Golden.assertClose("InTopKV2 int64", ArrayOps.inTopK(p, longs, 2), expected, 0, 0);
  }

  @Test
  void errors() {
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}});
    assertThatThrownBy(() -> ArrayOps.topK(x, 4)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("TopKV2:").hasMessageContaining("k = 4 must be in [0, 3]")
        .hasMessageContaining("[1, 3]");
    assertThatThrownBy(() -> ArrayOps.topK(Tensor.scalar(1f), 1))
        .hasMessageStartingWith("TopKV2:").hasMessageContaining("rank >= 1");
    assertThatThrownBy(() -> ArrayOps.topK(Tensor.of("a", "b"), 1))
        .hasMessageStartingWith("TopKV2:").hasMessageContaining("string");
    assertThatThrownBy(() -> ArrayOps.inTopK(x, Tensor.of(0, 1), 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("InTopKV2:").hasMessageContaining("[1, 3] and [2]");
    assertThatThrownBy(() -> ArrayOps.inTopK(x, Tensor.of(0f), 1))
        .hasMessageStartingWith("InTopKV2:").hasMessageContaining("targets must be int32");
    assertThatThrownBy(() -> ArrayOps.inTopK(x, Tensor.of(0), -1))
        .hasMessageStartingWith("InTopKV2:").hasMessageContaining("k must be >= 0");
  }
}
