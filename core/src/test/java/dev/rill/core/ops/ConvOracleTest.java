package dev.rill.core.ops;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.nn.conv.ConvAttrs;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv2D, its backprop ops and DepthwiseConv2dNative against TensorFlow itself (float32) where no
 * golden file reaches: dilations, explicit padding, the backprop ops called directly, and shapes
 * big enough to split into several im2col blocks and parallel parts. Tolerance
 * 1e-4 + 1e-5 * |expected| (sums of up to 800 products of values in [-1, 1]).
 */
class ConvOracleTest {
  static final double ATOL = 1e-4;
  static final double RTOL = 1e-5;

  static Tensor values(long seed, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (2 * r.nextDouble() - 1);
    }
    return Tensor.of(Shape.of(dims), d);
  }

  static Stream<Arguments> configs() {
    int[] none = {};
    return Stream.of(
        Arguments.of("dilation 2 SAME", new int[] {2, 9, 8, 3}, new int[] {3, 3, 3, 4},
            new int[] {1, 1, 1, 1}, "SAME", none, new int[] {1, 2, 2, 1}),
        Arguments.of("dilation 3x2 VALID", new int[] {1, 10, 9, 2}, new int[] {2, 3, 2, 3},
            new int[] {1, 1, 1, 1}, "VALID", none, new int[] {1, 3, 2, 1}),
        Arguments.of("explicit padding", new int[] {1, 6, 7, 2}, new int[] {3, 3, 2, 3},
            new int[] {1, 2, 1, 1}, "EXPLICIT", new int[] {0, 0, 2, 1, 0, 3, 0, 0},
            new int[] {1, 1, 1, 1}),
        Arguments.of("MNIST layer 2 shape, several blocks", new int[] {3, 14, 14, 32},
            new int[] {5, 5, 32, 16}, new int[] {1, 1, 1, 1}, "SAME", none,
            new int[] {1, 1, 1, 1}),
        Arguments.of("implicit GEMM, partial panel of filters", new int[] {2, 9, 11, 24},
            new int[] {3, 3, 24, 40}, new int[] {1, 1, 1, 1}, "SAME", none,
            new int[] {1, 1, 1, 1}),
        Arguments.of("implicit GEMM, stride 2", new int[] {1, 11, 10, 20},
            new int[] {3, 4, 20, 36}, new int[] {1, 2, 2, 1}, "VALID", none,
            new int[] {1, 1, 1, 1}),
        Arguments.of("pointwise", new int[] {2, 5, 5, 6}, new int[] {1, 1, 6, 4},
            new int[] {1, 1, 1, 1}, "VALID", none, new int[] {1, 1, 1, 1}),
        Arguments.of("1x1 stride 2", new int[] {1, 7, 7, 3}, new int[] {1, 1, 3, 2},
            new int[] {1, 2, 2, 1}, "SAME", none, new int[] {1, 1, 1, 1}));
  }

  private static Map<String, Object> attrs(int[] strides, String padding, int[] explicit,
      int[] dilations) {
    Map<String, Object> m = new HashMap<>();
    m.put("strides", strides);
    m.put("padding", padding);
    m.put("dilations", dilations);
    if (explicit.length > 0) {
      m.put("explicit_paddings", explicit);
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void conv2dAndBackpropsMatchTensorFlow(String name, int[] xs, int[] ws, int[] strides,
      String padding, int[] explicit, int[] dilations) {
    Tensor x = values(1, xs);
    Tensor w = values(2, ws);
    ConvAttrs a = new ConvAttrs(strides, padding, explicit, dilations, "NHWC");
    Map<String, Object> tf = attrs(strides, padding, explicit, dilations);
    Tensor y = NnOps.conv2d(x, w, a);
    Golden.assertClose(name, y, TfOracle.run("Conv2D", List.of(x, w), tf, 1).get(0), ATOL, RTOL);

    Tensor dy = values(3, y.shape().dims());
    Tensor dx = NnOps.conv2dBackpropInput(x.shape(), w, dy, a);
    Tensor dxTf = TfOracle.run("Conv2DBackpropInput", List.of(Tensor.of(xs), w, dy), tf, 1)
        .get(0);
    Golden.assertClose(name + " backprop input", dx, dxTf, ATOL, RTOL);
    Tensor dw = NnOps.conv2dBackpropFilter(x, w.shape(), dy, a);
    Tensor dwTf = TfOracle.run("Conv2DBackpropFilter", List.of(x, Tensor.of(ws), dy), tf, 1)
        .get(0);
    Golden.assertClose(name + " backprop filter", dw, dwTf, ATOL, RTOL);
  }

  static Stream<Arguments> depthwiseConfigs() {
    return Stream.of(
        Arguments.of("mult 3 dilation 2", new int[] {2, 8, 7, 2}, new int[] {3, 3, 2, 3},
            new int[] {1, 1, 1, 1}, "SAME", new int[] {1, 2, 2, 1}),
        Arguments.of("mult 1 stride 2 VALID", new int[] {1, 9, 9, 4}, new int[] {3, 2, 4, 1},
            new int[] {1, 2, 2, 1}, "VALID", new int[] {1, 1, 1, 1}),
        Arguments.of("PDE-like 1 channel", new int[] {1, 40, 40, 1}, new int[] {3, 3, 1, 1},
            new int[] {1, 1, 1, 1}, "SAME", new int[] {1, 1, 1, 1}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("depthwiseConfigs")
  void depthwiseAndBackpropsMatchTensorFlow(String name, int[] xs, int[] ws, int[] strides,
      String padding, int[] dilations) {
    Tensor x = values(4, xs);
    Tensor w = values(5, ws);
    ConvAttrs a = ConvAttrs.of(strides, padding, dilations);
    Map<String, Object> tf = attrs(strides, padding, new int[0], dilations);
    Tensor y = NnOps.depthwiseConv2d(x, w, a);
    Golden.assertClose(name, y,
        TfOracle.run("DepthwiseConv2dNative", List.of(x, w), tf, 1).get(0), ATOL, RTOL);
    if (dilations[1] != 1 || dilations[2] != 1) {
      // TensorFlow's CPU depthwise backprop kernels ignore dilations (its forward honours them),
      // so they are not a reference here; ConvGradTest checks ours by finite differences.
      return;
    }
    Tensor dy = values(6, y.shape().dims());
    Golden.assertClose(name + " backprop input",
        NnOps.depthwiseConv2dBackpropInput(x.shape(), w, dy, a),
        TfOracle.run("DepthwiseConv2dNativeBackpropInput", List.of(Tensor.of(xs), w, dy), tf, 1)
            .get(0), ATOL, RTOL);
    Golden.assertClose(name + " backprop filter",
        NnOps.depthwiseConv2dBackpropFilter(x, w.shape(), dy, a),
        TfOracle.run("DepthwiseConv2dNativeBackpropFilter", List.of(x, Tensor.of(ws), dy), tf, 1)
            .get(0), ATOL, RTOL);
  }
}
