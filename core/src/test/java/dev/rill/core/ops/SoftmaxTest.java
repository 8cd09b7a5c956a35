package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static dev.rill.core.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.OpRegistry;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Softmax and LogSoftmax: TensorFlow's numbers (golden extreme logits within 1e-5 + 1e-5*|exp|,
 * random logits through TfOracle within 1e-6 + 1e-5*|exp|), gradient checks and errors.
 */
class SoftmaxTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-5;

  private static JsonNode goldenCase(String file, String name) {
    for (JsonNode c : Golden.cases(file)) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no case " + name);
  }

  @Test
  void extremeLogitsMatchGolden() {
    JsonNode c = goldenCase("ops/losses.json", "softmax_and_log_softmax_extreme");
    Tensor logits = Golden.tensor(c.get("inputs").get("logits"));
    Tensor softmax = NnOps.softmax(logits);
    Tensor logSoftmax = NnOps.logSoftmax(logits);
    for (float v : logSoftmax.floatData()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    Golden.assertClose("softmax", softmax, Golden.tensor(c.get("outputs").get("softmax")), ATOL,
        RTOL);
    Golden.assertClose("log_softmax", logSoftmax,
        Golden.tensor(c.get("outputs").get("log_softmax")), ATOL, RTOL);
  }

  @Test
  void randomLogitsMatchTensorFlow() {
    SplittableRandom r = new SplittableRandom(5);
    float[] d = new float[3 * 4 * 7];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextDouble() * 20 - 10);
    }
    Tensor x = Tensor.of(Shape.of(3, 4, 7), d);
    Golden.assertClose("Softmax", NnOps.softmax(x),
        TfOracle.run("Softmax", List.of(x), Map.of(), 1).get(0), 1e-6, RTOL);
    Golden.assertClose("LogSoftmax", NnOps.logSoftmax(x),
        TfOracle.run("LogSoftmax", List.of(x), Map.of(), 1).get(0), 1e-6, RTOL);
  }

  @Test
  void handComputedValues() {
    // softmax([0, ln 3]) = [1/4, 3/4]; log_softmax = [ln 1/4, ln 3/4]
    Tensor x = Tensor.of(0.0, Math.log(3));
    assertThat(NnOps.softmax(x).toDoubleArray()).containsExactly(new double[] {0.25, 0.75},
        org.assertj.core.data.Offset.offset(1e-15));
    assertThat(NnOps.logSoftmax(x, -1).toDoubleArray()).containsExactly(
        new double[] {Math.log(0.25), Math.log(0.75)}, org.assertj.core.data.Offset.offset(1e-15));
    // a single class always has probability 1
    assertThat(NnOps.softmax(Tensor.of(Shape.of(2, 1), 5f, -7f)).toFloatArray())
        .containsExactly(1f, 1f);
    assertThat(NnOps.softmax(Tensor.of(Shape.of(2, 0), new float[0])).shape())
        .isEqualTo(Shape.of(2, 0));
  }

  @Test
  void gradients() {
    for (int[] dims : new int[][] {{5}, {3, 4}, {1, 1}, {4, 1}, {1, 6}, {2, 3, 5}, {0, 3}}) {
      check(in -> NnOps.softmax(in.get(0)), uniform(dims.length, -3, 3, dims));
      check(in -> NnOps.logSoftmax(in.get(0)), uniform(dims.length + 9, -3, 3, dims));
    }
  }

  @Test
  void secondOrderGradients() {
    // the gradient rules are built from ops, so their own gradients check out too
    for (UnaryOperator<Tensor> f : List.<UnaryOperator<Tensor>>of(NnOps::softmax,
        NnOps::logSoftmax)) {
      Tensor w = random(77, 3, 4);
      check(in -> {
        Tensor x = in.get(0);
        GradientTape tape = GradientTape.start();
        Tensor y;
        try (tape) {
          tape.watch(x);
          y = ReduceOps.sum(MathOps.mul(MathOps.square(f.apply(x)), w));
        }
        return tape.gradient(y, x);
      }, random(78, 3, 4));
    }
  }

  @Test
  void matchesGoldenDenseNetworkGradient() {
    // Softmax(Relu(BiasAdd(MatMul(x, w), b))); the bias is added by broadcasting, as BiasAdd does
    JsonNode c = goldenCase("ops/gradients.json", "grad_softmax_relu_biasadd_matmul");
    JsonNode in = c.get("inputs");
    Tensor x = Golden.tensor(in.get("x"));
    Tensor w = Golden.tensor(in.get("w"));
    Tensor b = Golden.tensor(in.get("b"));
    Tensor dy = Golden.tensor(in.get("dy"));
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x, w, b);
      y = NnOps.softmax(MathOps.relu(MathOps.add(LinalgOps.matmul(x, w), b)));
    }
    List<Tensor> g = tape.gradient(y, List.of(x, w, b), dy);
    JsonNode out = c.get("outputs");
    Golden.assertClose("y", y, Golden.tensor(out.get("y")), ATOL, RTOL);
    Golden.assertClose("d_x", g.get(0), Golden.tensor(out.get("d_x")), ATOL, RTOL);
    Golden.assertClose("d_w", g.get(1), Golden.tensor(out.get("d_w")), ATOL, RTOL);
    Golden.assertClose("d_b", g.get(2), Golden.tensor(out.get("d_b")), ATOL, RTOL);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> NnOps.softmax(Tensor.scalar(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Softmax:").hasMessageContaining("[]");
    assertThatThrownBy(() -> NnOps.logSoftmax(Tensor.of(1, 2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("LogSoftmax:").hasMessageContaining("int32");
    assertThatThrownBy(() -> NnOps.softmax(Tensor.of(new float[][] {{1, 2}}), 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Softmax:").hasMessageContaining("axis=0")
        .hasMessageContaining("[1, 2]");
    assertThat(NnOps.softmax(Tensor.of(new float[][] {{1, 2}}), 1).shape())
        .isEqualTo(Shape.of(1, 2));
  }

  @Test
  void registered() {
    assertThat(OpRegistry.names()).contains("Softmax", "LogSoftmax",
        "SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits", "FusedBatchNormV3",
        "FusedBatchNormGradV3", "RandomUniform", "RandomStandardNormal", "TruncatedNormal",
        "RandomUniformInt");
  }
}
