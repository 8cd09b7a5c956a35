package dev.rill.core.ops;

import static dev.rill.core.DType.FLOAT32;
import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.nn.conv.ConvAttrs;
import dev.rill.core.testing.Golden;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks (float64) of Conv2D, DepthwiseConv2dNative, their backprop ops (whose
 * gradient rules give second-order gradients) and conv1d, over strides, paddings, dilations,
 * batches and size-1 or empty edges.
 */
class ConvGradTest {
  /** Input shape, filter shape (Conv2D layout), attributes. */
  static Stream<Arguments> configs() {
    return Stream.of(
        cfg("5x5 k3 s1 SAME", new int[] {1, 5, 5, 2}, new int[] {3, 3, 2, 3}, s(1), "SAME", d(1)),
        cfg("5x5 k3 s1 VALID", new int[] {1, 5, 5, 2}, new int[] {3, 3, 2, 3}, s(1), "VALID",
            d(1)),
        cfg("5x5 k3 s2 SAME", new int[] {1, 5, 5, 2}, new int[] {3, 3, 2, 3}, s(2), "SAME", d(1)),
        cfg("5x5 k3 s2 VALID", new int[] {1, 5, 5, 2}, new int[] {3, 3, 2, 3}, s(2), "VALID",
            d(1)),
        cfg("6x6 k3 s2 SAME asymmetric", new int[] {1, 6, 6, 2}, new int[] {3, 3, 2, 2}, s(2),
            "SAME", d(1)),
        cfg("7x7 dilation 2 SAME", new int[] {1, 7, 7, 2}, new int[] {3, 3, 2, 2}, s(1), "SAME",
            d(2)),
        cfg("7x6 dilation 2 VALID", new int[] {1, 7, 6, 1}, new int[] {3, 2, 1, 2}, s(1), "VALID",
            d(2)),
        cfg("batch 2, strides 2x1", new int[] {2, 4, 5, 3}, new int[] {2, 3, 3, 2},
            new int[] {1, 2, 1, 1}, "SAME", d(1)),
        cfg("1x1 image", new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1}, s(1), "SAME", d(1)),
        cfg("1x1 image, 3x3 SAME", new int[] {2, 1, 1, 2}, new int[] {3, 3, 2, 1}, s(1), "SAME",
            d(1)),
        cfg("one row", new int[] {1, 1, 5, 1}, new int[] {1, 3, 1, 2}, s(1), "VALID", d(1)),
        cfg("pointwise", new int[] {3, 2, 2, 1}, new int[] {1, 1, 1, 4}, s(1), "VALID", d(1)),
        cfg("empty batch", new int[] {0, 3, 3, 2}, new int[] {2, 2, 2, 1}, s(1), "SAME", d(1)));
  }

  static Arguments cfg(String name, int[] x, int[] w, int[] strides, String padding,
      int[] dilations) {
    return Arguments.of(name, x, w, ConvAttrs.of(strides, padding, dilations));
  }

  static int[] s(int v) {
    return new int[] {1, v, v, 1};
  }

  static int[] d(int v) {
    return new int[] {1, v, v, 1};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void conv2d(String name, int[] x, int[] w, ConvAttrs a) {
    check(in -> NnOps.conv2d(in.get(0), in.get(1), a), random(1, x), random(2, w));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void conv2dBackpropInput(String name, int[] x, int[] w, ConvAttrs a) {
    Tensor filter = random(2, w);
    Shape out = NnOps.conv2d(random(1, x), filter, a).shape();
    check(in -> NnOps.conv2dBackpropInput(Shape.of(x), in.get(0), in.get(1), a), filter,
        random(3, out.dims()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void conv2dBackpropFilter(String name, int[] x, int[] w, ConvAttrs a) {
    Tensor input = random(1, x);
    Shape out = NnOps.conv2d(input, random(2, w), a).shape();
    check(in -> NnOps.conv2dBackpropFilter(in.get(0), Shape.of(w), in.get(1), a), input,
        random(3, out.dims()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void depthwise(String name, int[] x, int[] w, ConvAttrs a) {
    // the Conv2D filter's last dimension serves as the channel multiplier
    check(in -> NnOps.depthwiseConv2d(in.get(0), in.get(1), a), random(1, x), random(2, w));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void depthwiseBackprops(String name, int[] x, int[] w, ConvAttrs a) {
    Tensor input = random(1, x);
    Tensor filter = random(2, w);
    Tensor dy = random(3, NnOps.depthwiseConv2d(input, filter, a).shape().dims());
    check(in -> NnOps.depthwiseConv2dBackpropInput(Shape.of(x), in.get(0), in.get(1), a), filter,
        dy);
    check(in -> NnOps.depthwiseConv2dBackpropFilter(in.get(0), Shape.of(w), in.get(1), a), input,
        dy);
  }

  @Test
  void secondOrderThroughNestedTapes() {
    // f(x, w) = d/dx sum(conv(x, w)^2): its gradient runs through the backprops' own rules
    ConvAttrs a = ConvAttrs.of(s(2), "SAME");
    check(in -> {
      GradientTape inner = GradientTape.start();
      Tensor loss;
      try (inner) {
        inner.watch(in.get(0));
        loss = NnOps.conv2d(in.get(0), in.get(1), a).square().sum();
      }
      return inner.gradient(loss, in.get(0));
    }, random(4, 1, 5, 5, 2), random(5, 3, 3, 2, 2));
  }

  @Test
  void explicitPadding() {
    ConvAttrs a = new ConvAttrs(s(1), "EXPLICIT", new int[] {0, 0, 1, 2, 0, 1, 0, 0}, d(1),
        "NHWC");
    check(in -> NnOps.conv2d(in.get(0), in.get(1), a), random(1, 1, 4, 4, 2),
        random(2, 3, 3, 2, 2));
  }

  static Stream<Arguments> conv1dConfigs() {
    return Stream.of(Arguments.of(1, "SAME", 1), Arguments.of(1, "VALID", 1),
        Arguments.of(2, "SAME", 1), Arguments.of(2, "VALID", 1), Arguments.of(1, "SAME", 2));
  }

  @ParameterizedTest(name = "stride {0} {1} dilation {2}")
  @MethodSource("conv1dConfigs")
  void conv1d(int stride, String padding, int dilation) {
    check(in -> NnOps.conv1d(in.get(0), in.get(1), stride, padding, dilation),
        random(6, 2, 7, 3), random(7, 3, 3, 2));
  }

  @Test
  void float32AgreesWithFloat64() {
    // the float kernel and the double kernel share the im2col driver; compare them directly
    Tensor x = random(8, 2, 9, 8, 5);
    Tensor w = random(9, 3, 3, 5, 7);
    Tensor dy = random(10, 2, 5, 4, 7);
    ConvAttrs a = ConvAttrs.of(s(2), "SAME");
    List<Tensor> f64 = List.of(NnOps.conv2d(x, w, a),
        NnOps.conv2dBackpropInput(x.shape(), w, dy, a),
        NnOps.conv2dBackpropFilter(x, w.shape(), dy, a));
    List<Tensor> f32 = List.of(NnOps.conv2d(x.cast(FLOAT32), w.cast(FLOAT32), a),
        NnOps.conv2dBackpropInput(x.shape(), w.cast(FLOAT32), dy.cast(FLOAT32), a),
        NnOps.conv2dBackpropFilter(x.cast(FLOAT32), w.shape(), dy.cast(FLOAT32), a));
    for (int i = 0; i < 3; i++) {
      Golden.assertClose("op " + i, f32.get(i), f64.get(i).cast(FLOAT32), 1e-5, 1e-5);
    }
  }
}
