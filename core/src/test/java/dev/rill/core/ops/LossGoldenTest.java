package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.nn.CrossEntropyDefs;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;

/**
 * The cross-entropy losses against TensorFlow: golden losses.json and gradients.json within
 * 1e-5 + 1e-5*|exp| (their stated tolerance), and the sigmoid composite through TfOracle.
 */
class LossGoldenTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-5;

  static Stream<JsonNode> crossEntropyCases() {
    return Golden.cases("ops/losses.json").stream()
        .filter(c -> c.get("op").asText().contains("CrossEntropy"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crossEntropyCases")
  void fusedOpsMatchGolden(JsonNode c) {
    String name = c.get("name").asText();
    Tensor features = Golden.tensor(c.get("inputs").get("features"));
    Tensor labels = Golden.tensor(c.get("inputs").get("labels"));
    var op = c.get("op").asText().startsWith("Sparse")
        ? CrossEntropyDefs.SPARSE_SOFTMAX_CROSS_ENTROPY : CrossEntropyDefs.SOFTMAX_CROSS_ENTROPY;
    List<Tensor> out = Exec.run(op, NoAttrs.INSTANCE, features, labels);
    for (Tensor t : out) {
      for (float v : t.floatData()) {
        assertThat(Float.isFinite(v)).as(name + " is finite").isTrue();
      }
    }
    Golden.assertClose(name + " loss", out.get(0), Golden.tensor(c.get("outputs").get("loss")),
        ATOL, RTOL);
    Golden.assertClose(name + " backprop", out.get(1),
        Golden.tensor(c.get("outputs").get("backprop")), ATOL, RTOL);
    // the facade (TF argument order: labels first) gives the same loss
    Tensor loss = op == CrossEntropyDefs.SOFTMAX_CROSS_ENTROPY
        ? NnOps.softmaxCrossEntropyWithLogits(labels, features)
        : NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, features);
    assertThat(loss.contentEquals(out.get(0))).isTrue();
  }

  @Test
  void batchOfOneBroadcastsAsInTensorFlow() {
    SplittableRandom r = new SplittableRandom(12);
    float[] a = new float[12];
    float[] b = new float[4];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() * 6 - 3);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextDouble();
    }
    Tensor many = Tensor.of(dev.rill.core.Shape.of(3, 4), a);
    Tensor one = Tensor.of(dev.rill.core.Shape.of(1, 4), b);
    for (Tensor[] pair : new Tensor[][] {{many, one}, {one, many}}) {
      List<Tensor> want = TfOracle.run("SoftmaxCrossEntropyWithLogits", List.of(pair),
          java.util.Map.of(), 2);
      List<Tensor> got = Exec.run(CrossEntropyDefs.SOFTMAX_CROSS_ENTROPY, NoAttrs.INSTANCE,
          pair[0], pair[1]);
      Golden.assertClose("loss", got.get(0), want.get(0), ATOL, RTOL);
      Golden.assertClose("backprop", got.get(1), want.get(1), ATOL, RTOL);
    }
  }

  private static JsonNode gradientCase(String name) {
    return Golden.cases("ops/gradients.json").stream()
        .filter(c -> c.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void softLabelGradientsMatchGolden() {
    JsonNode c = gradientCase("grad_softmax_cross_entropy_with_logits_soft_labels");
    Tensor features = Golden.tensor(c.get("inputs").get("features"));
    Tensor labels = Golden.tensor(c.get("inputs").get("labels"));
    Tensor dy = Golden.tensor(c.get("inputs").get("dy"));
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(features, labels);
      y = NnOps.softmaxCrossEntropyWithLogits(labels, features);
    }
    List<Tensor> g = tape.gradient(y, List.of(features, labels), dy);
    JsonNode out = c.get("outputs");
    Golden.assertClose("y", y, Golden.tensor(out.get("y")), ATOL, RTOL);
    Golden.assertClose("d_features", g.get(0), Golden.tensor(out.get("d_features")), ATOL, RTOL);
    Golden.assertClose("d_labels", g.get(1), Golden.tensor(out.get("d_labels")), ATOL, RTOL);
  }

  @Test
  void sparseGradientsMatchGolden() {
    JsonNode c = gradientCase("grad_sparse_softmax_cross_entropy_with_logits");
    Tensor features = Golden.tensor(c.get("inputs").get("features"));
    Tensor labels = Golden.tensor(c.get("inputs").get("labels"));
    Tensor dy = Golden.tensor(c.get("inputs").get("dy"));
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(features);
      y = NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, features);
    }
    Tensor g = tape.gradient(y, List.of(features), dy).get(0);
    Golden.assertClose("y", y, Golden.tensor(c.get("outputs").get("y")), ATOL, RTOL);
    Golden.assertClose("d_features", g, Golden.tensor(c.get("outputs").get("d_features")), ATOL,
        RTOL);
  }

  /** Builds TensorFlow's composite in one TF graph and runs it once, in float32. */
  private static Tensor tensorFlowSigmoidCrossEntropy(Tensor labels, Tensor logits) {
    try (Graph g = new Graph(); Session s = new Session(g);
        org.tensorflow.Tensor tx = TfOracle.toTf(logits);
        org.tensorflow.Tensor tz = TfOracle.toTf(labels)) {
      Output<?> x = g.opBuilder("Const", "x", g.baseScope()).setAttr("dtype", DataType.DT_FLOAT)
          .setAttr("value", tx).build().output(0);
      Output<?> z = g.opBuilder("Const", "z", g.baseScope()).setAttr("dtype", DataType.DT_FLOAT)
          .setAttr("value", tz).build().output(0);
      // max(x, 0) - x * z + log1p(exp(-|x|)); Relu gives where(x >= 0, x, 0)'s values
      Output<?> relu = op(g, "Relu", x);
      Output<?> xz = op(g, "Mul", x, z);
      Output<?> negAbs = op(g, "Neg", op(g, "Abs", x));
      Output<?> loss = op(g, "AddV2", op(g, "Sub", relu, xz), op(g, "Log1p", op(g, "Exp", negAbs)));
      try (Result r = s.runner().fetch(loss).run()) {
        return TfOracle.fromTf(r.get(0));
      }
    }
  }

  private static int opCount;

  private static Output<?> op(Graph g, String type, Output<?>... in) {
    GraphOperationBuilder b = g.opBuilder(type, type + opCount++, g.baseScope());
    for (Output<?> o : in) {
      b.addInput(o);
    }
    return b.build().output(0);
  }

  @Test
  void sigmoidCrossEntropyMatchesTensorFlow() {
    SplittableRandom r = new SplittableRandom(11);
    float[] x = new float[60];
    float[] z = new float[60];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 40 - 20);
      z[i] = (float) r.nextDouble();
    }
    x[0] = 0f;
    x[1] = 100f;
    x[2] = -100f;
    Tensor logits = Tensor.of(dev.rill.core.Shape.of(6, 10), x);
    Tensor labels = Tensor.of(dev.rill.core.Shape.of(6, 10), z);
    Tensor expected = tensorFlowSigmoidCrossEntropy(labels, logits);
    Tensor got = NnOps.sigmoidCrossEntropyWithLogits(labels, logits);
    Golden.assertClose("sigmoid cross-entropy", got, expected, 1e-6, 1e-6);
  }
}
