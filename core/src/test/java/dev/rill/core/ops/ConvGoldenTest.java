package dev.rill.core.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.testing.Golden;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv2D, DepthwiseConv2dNative and conv1d against TensorFlow's float32 numbers (conv.json), and
 * their gradients against TensorFlow's gradient graph (gradients.json); both within
 * 1e-5 + 1e-5 * |expected|, the files' stated tolerance.
 */
class ConvGoldenTest {
  static final double ATOL = 1e-5;
  static final double RTOL = 1e-5;

  static Stream<JsonNode> forwardCases() {
    return Golden.cases("ops/conv.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forwardCases")
  void forwardMatchesTensorFlow(JsonNode c) {
    String name = c.get("name").asText();
    JsonNode a = c.get("attrs");
    Tensor x = Golden.tensor(c.get("inputs").get("input"));
    Tensor w = Golden.tensor(c.get("inputs").get("filter"));
    String padding = a.get("padding").asText();
    Tensor y;
    if (name.startsWith("conv1d")) {
      y = NnOps.conv1d(x, w, a.get("stride").asInt(), padding);
    } else {
      int[] strides = ints(a.get("strides"));
      y = name.startsWith("depthwise") ? NnOps.depthwiseConv2d(x, w, strides, padding)
          : NnOps.conv2d(x, w, strides, padding);
    }
    Golden.assertClose(name, y, Golden.tensor(c.get("outputs").get("output")), ATOL, RTOL);
  }

  static Stream<JsonNode> gradientCases() {
    return Golden.cases("ops/gradients.json").stream().filter(c -> {
      String n = c.get("name").asText();
      return n.startsWith("grad_conv2d") || n.startsWith("grad_depthwise");
    });
  }

  private static final Pattern STRIDES = Pattern.compile("strides=\\[1, ?(\\d+), ?(\\d+), ?1]");
  private static final Pattern PADDING = Pattern.compile("padding=(SAME|VALID)");

  @ParameterizedTest(name = "{0}")
  @MethodSource("gradientCases")
  void gradientsMatchTensorFlow(JsonNode c) {
    String name = c.get("name").asText();
    // the depthwise cases carry their attributes only in the op description
    String op = c.get("op").asText();
    Matcher s = STRIDES.matcher(op);
    Matcher p = PADDING.matcher(op);
    if (!s.find() || !p.find()) {
      throw new AssertionError("cannot read strides/padding from " + op);
    }
    int[] strides = {1, Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)), 1};
    String padding = p.group(1);
    boolean depthwise = name.startsWith("grad_depthwise");
    JsonNode in = c.get("inputs");
    JsonNode out = c.get("outputs");
    List<Tensor> xs = List.of(Golden.tensor(in.get("input")), Golden.tensor(in.get("filter")));
    Function<List<Tensor>, Tensor> f = v -> depthwise
        ? NnOps.depthwiseConv2d(v.get(0), v.get(1), strides, padding)
        : NnOps.conv2d(v.get(0), v.get(1), strides, padding);
    List<Tensor> got = vjp(f, xs, Golden.tensor(in.get("dy")), out.get("y"), name);
    Golden.assertClose(name + " d_input", got.get(0), Golden.tensor(out.get("d_input")), ATOL,
        RTOL);
    Golden.assertClose(name + " d_filter", got.get(1), Golden.tensor(out.get("d_filter")), ATOL,
        RTOL);
  }

  /** Gradients of {@code sum(f(xs) * dy)}; also checks {@code f(xs)} against {@code y}. */
  static List<Tensor> vjp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor dy, JsonNode y,
      String name) {
    GradientTape tape = GradientTape.start();
    Tensor out;
    try (tape) {
      xs.forEach(tape::watch);
      out = f.apply(xs);
    }
    Golden.assertClose(name + " y", out, Golden.tensor(y), ATOL, RTOL);
    return tape.gradient(out, xs, dy);
  }

  static int[] ints(JsonNode n) {
    int[] v = new int[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = n.get(i).asInt();
    }
    return v;
  }
}
