package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.nn.conv.PoolAttrs;
import dev.rill.core.ops.nn.conv.PoolDefs;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pooling gradients by finite differences (float64), including the gradient ops themselves (their
 * rules give second-order gradients); tie-breaking and MaxPoolGradGrad against TensorFlow; 1-D
 * pooling; errors.
 */
class PoolGradTest {
  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(new int[] {1, 5, 5, 2}, 2, 2, "SAME"),
        Arguments.of(new int[] {1, 5, 5, 2}, 2, 2, "VALID"),
        Arguments.of(new int[] {1, 5, 5, 2}, 3, 1, "SAME"),
        Arguments.of(new int[] {1, 5, 5, 2}, 3, 2, "VALID"),
        Arguments.of(new int[] {2, 6, 4, 3}, 3, 2, "SAME"),
        Arguments.of(new int[] {1, 1, 1, 1}, 3, 1, "SAME"),
        Arguments.of(new int[] {1, 1, 4, 2}, 2, 3, "SAME"),
        Arguments.of(new int[] {0, 3, 3, 1}, 2, 1, "VALID"));
  }

  @ParameterizedTest(name = "{0} k{1} s{2} {3}")
  @MethodSource("configs")
  void maxPool(int[] shape, int k, int s, String padding) {
    int[] ks = {k};
    int[] ss = {s};
    Tensor x = random(1, shape);
    check(in -> NnOps.maxPool(in.get(0), ks, ss, padding), x);
    Tensor y = NnOps.maxPool(x, ks, ss, padding);
    // MaxPoolGrad is linear in grad and flat in the rest; MaxPoolGradGrad is its gradient
    check(in -> NnOps.maxPoolGrad(in.get(0), in.get(1), in.get(2), ks, ss, padding), x, y,
        random(2, y.shape().dims()));
  }

  @ParameterizedTest(name = "{0} k{1} s{2} {3}")
  @MethodSource("configs")
  void avgPool(int[] shape, int k, int s, String padding) {
    int[] ks = {k};
    int[] ss = {s};
    Tensor x = random(3, shape);
    check(in -> NnOps.avgPool(in.get(0), ks, ss, padding), x);
    Shape out = NnOps.avgPool(x, ks, ss, padding).shape();
    check(in -> NnOps.avgPoolGrad(x.shape(), in.get(0), ks, ss, padding),
        random(4, out.dims()));
  }

  @Test
  void rectangularWindows() {
    int[] ks = {3, 2};
    int[] ss = {1, 2};
    check(in -> NnOps.maxPool(in.get(0), ks, ss, "SAME"), random(5, 2, 4, 5, 2));
    check(in -> NnOps.avgPool(in.get(0), ks, ss, "SAME"), random(6, 2, 4, 5, 2));
  }

  @Test
  void pool1d() {
    check(in -> NnOps.maxPool1d(in.get(0), 3, 2, "SAME"), random(7, 2, 7, 3));
    check(in -> NnOps.avgPool1d(in.get(0), 2, 1, "VALID"), random(8, 2, 7, 3));
    // [1, 5, 1]: width 5, windows of 2 stepping 2, the last window half outside
    Tensor x = Tensor.of(Shape.of(1, 5, 1), 1f, 5f, 2f, 4f, 3f);
    assertThat(NnOps.maxPool1d(x, 2, 2, "SAME").toFloatArray()).containsExactly(5f, 4f, 3f);
    assertThat(NnOps.avgPool1d(x, 2, 2, "SAME").toFloatArray()).containsExactly(3f, 3f, 3f);
  }

  @Test
  void tiesGoToTheFirstMaximumAsInTensorFlow() {
    // every 2x2 window holds its maximum twice or more
    Tensor x = Tensor.of(Shape.of(1, 4, 4, 2),
        1f, 1f, 3f, 2f, 3f, 2f, 0f, 0f,
        3f, 1f, 3f, 2f, 0f, 5f, 0f, 5f,
        7f, 7f, 7f, 7f, -1f, -1f, -1f, -1f,
        7f, 7f, 7f, 7f, -1f, -1f, -1f, -1f);
    int[] k = {1, 2, 2, 1};
    int[] s = {1, 1, 1, 1};
    Tensor y = NnOps.maxPool(x, k, s, "SAME");
    // distinct upstream values, so a different choice among tied maxima shows in the sums
    float[] g = new float[y.size()];
    for (int i = 0; i < g.length; i++) {
      g[i] = 1 << (i % 20);
    }
    Tensor dy = Tensor.of(y.shape(), g);
    Map<String, Object> attrs = Map.of("ksize", k, "strides", s, "padding", "SAME");
    Tensor expected = TfOracle.run("MaxPoolGrad", List.of(x, y, dy), attrs, 1).get(0);
    Golden.assertClose("MaxPoolGrad ties", NnOps.maxPoolGrad(x, y, dy, k, s, "SAME"), expected,
        0, 0);
  }

  @Test
  void maxPoolGradGradMatchesTensorFlow() {
    Tensor x = random(9, 2, 6, 5, 3).cast(DType.FLOAT32);
    int[] k = {1, 3, 3, 1};
    int[] s = {1, 2, 2, 1};
    Tensor y = NnOps.maxPool(x, k, s, "SAME");
    Tensor gg = random(10, 2, 6, 5, 3).cast(DType.FLOAT32);
    Map<String, Object> attrs = Map.of("ksize", k, "strides", s, "padding", "SAME");
    Tensor expected = TfOracle.run("MaxPoolGradGrad", List.of(x, y, gg), attrs, 1).get(0);
    Tensor got = Exec.run1(PoolDefs.MAX_POOL_GRAD_GRAD, PoolAttrs.of(k, s, "SAME"), x, y, gg);
    Golden.assertClose("MaxPoolGradGrad", got, expected, 0, 0);
  }

  @Test
  void errors() {
    Tensor x = ArrayOps.zeros(Shape.of(1, 4, 4, 2), DType.FLOAT32);
    int[] k = {1, 2, 2, 1};
    assertThatThrownBy(() -> NnOps.maxPool(x, k, k, "EXPLICIT"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("MaxPool: ").hasMessageContaining("\"EXPLICIT\"");
    assertThatThrownBy(() -> NnOps.avgPool(x, k, k, "valid"))
        .hasMessageStartingWith("AvgPool: ").hasMessageContaining("\"valid\"");
    assertThatThrownBy(() -> NnOps.maxPool(x.reshape(4, 4, 2), k, k, "SAME"))
        .hasMessageStartingWith("MaxPool: ").hasMessageContaining("[4, 4, 2]");
    assertThatThrownBy(() -> NnOps.maxPool(x, new int[] {2, 2, 2, 1}, k, "SAME"))
        .hasMessageStartingWith("MaxPool: ").hasMessageContaining("ksize")
        .hasMessageContaining("[2, 2, 2, 1]");
    assertThatThrownBy(() -> NnOps.avgPool(x, new int[] {1, 6, 6, 1}, new int[] {1}, "VALID"))
        .hasMessageStartingWith("AvgPool: ").hasMessageContaining("negative");
    assertThatThrownBy(() -> NnOps.maxPool(ArrayOps.zeros(Shape.of(1, 4, 4, 2), DType.INT32), k,
        k, "SAME"))
        .hasMessageStartingWith("MaxPool: ").hasMessageContaining("int32");
    assertThatThrownBy(() -> NnOps.maxPoolGrad(x, x, x, k, k, "SAME"))
        .hasMessageStartingWith("MaxPoolGrad: ").hasMessageContaining("orig_output shape");
    assertThatThrownBy(() -> NnOps.avgPoolGrad(Shape.of(1, 4, 4, 2), x, k, k, "SAME"))
        .hasMessageStartingWith("AvgPoolGrad: ").hasMessageContaining("[1, 4, 4, 2]")
        .hasMessageContaining("[1, 2, 2, 2]");
    assertThatThrownBy(() -> NnOps.maxPool1d(x, 2, 2, "SAME"))
        .hasMessageStartingWith("max_pool1d: ").hasMessageContaining("[1, 4, 4, 2]");
  }
}
