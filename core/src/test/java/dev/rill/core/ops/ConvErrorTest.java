package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.nn.conv.ConvAttrs;
import org.junit.jupiter.api.Test;

/** Wrong uses of the convolution ops: each error names the op and what it received. */
class ConvErrorTest {
  static final int[] S1 = {1, 1, 1, 1};

  static Tensor zeros(int... dims) {
    return ArrayOps.zeros(Shape.of(dims), DType.FLOAT32);
  }

  @Test
  void channelMismatchNamesBothShapes() {
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 3), zeros(3, 3, 2, 4), S1, "SAME"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Conv2D: ")
        .hasMessageContaining("[1, 5, 5, 3]").hasMessageContaining("[3, 3, 2, 4]");
    assertThatThrownBy(() -> NnOps.depthwiseConv2d(zeros(1, 5, 5, 3), zeros(3, 3, 2, 1), S1,
        "SAME"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("DepthwiseConv2dNative: ")
        .hasMessageContaining("[1, 5, 5, 3]").hasMessageContaining("[3, 3, 2, 1]");
  }

  @Test
  void badPaddingString() {
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 1), zeros(3, 3, 1, 1), S1, "same"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("\"same\"");
    assertThatThrownBy(() -> NnOps.depthwiseConv2d(zeros(1, 5, 5, 1), zeros(3, 3, 1, 1), S1,
        "FULL"))
        .hasMessageStartingWith("DepthwiseConv2dNative: ").hasMessageContaining("\"FULL\"");
  }

  @Test
  void rankMustBeFour() {
    assertThatThrownBy(() -> NnOps.conv2d(zeros(5, 5, 1), zeros(3, 3, 1, 1), S1, "SAME"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("input must be 4-dimensional")
        .hasMessageContaining("[5, 5, 1]");
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 1), zeros(3, 1, 1), S1, "SAME"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("filter must be 4-dimensional")
        .hasMessageContaining("[3, 1, 1]");
    assertThatThrownBy(() -> NnOps.conv1d(zeros(5, 1), zeros(3, 1, 1), 1, "SAME"))
        .hasMessageStartingWith("conv1d: ").hasMessageContaining("[5, 1]");
  }

  @Test
  void stridesAndDilations() {
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 1), zeros(3, 3, 1, 1),
        new int[] {2, 1, 1, 1}, "SAME"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("strides")
        .hasMessageContaining("[2, 1, 1, 1]");
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 1), zeros(3, 3, 1, 1),
        new int[] {1, 0, 1, 1}, "SAME"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("positive");
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 1), zeros(3, 3, 1, 1),
        new int[] {1, 1, 1}, "SAME"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("1, 2 or 4 values");
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 5, 5, 1), zeros(3, 3, 1, 1), S1, "SAME",
        new int[] {1, 1, 1, 2}))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("dilations");
  }

  @Test
  void filterLargerThanInputWithValid() {
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 2, 5, 1), zeros(4, 3, 1, 1), S1, "VALID"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("negative")
        .hasMessageContaining("input size 2");
  }

  @Test
  void dtypes() {
    Tensor x64 = ArrayOps.zeros(Shape.of(1, 3, 3, 1), DType.FLOAT64);
    assertThatThrownBy(() -> NnOps.conv2d(x64, zeros(1, 1, 1, 1), S1, "SAME"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("float64")
        .hasMessageContaining("float32");
    Tensor xi = ArrayOps.zeros(Shape.of(1, 3, 3, 1), DType.INT32);
    assertThatThrownBy(() -> NnOps.conv2d(xi, xi, S1, "SAME"))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("int32");
  }

  @Test
  void explicitPaddingNeedsEightValues() {
    ConvAttrs a = new ConvAttrs(S1, "EXPLICIT", new int[] {1, 1}, S1, "NHWC");
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 3, 3, 1), zeros(1, 1, 1, 1), a))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("explicit_paddings");
    ConvAttrs nchw = new ConvAttrs(S1, "SAME", new int[0], S1, "NCHW");
    assertThatThrownBy(() -> NnOps.conv2d(zeros(1, 3, 3, 1), zeros(1, 1, 1, 1), nchw))
        .hasMessageStartingWith("Conv2D: ").hasMessageContaining("NCHW");
  }

  @Test
  void backpropShapesMustAgree() {
    assertThatThrownBy(() -> NnOps.conv2dBackpropInput(Shape.of(1, 5, 5, 2), zeros(3, 3, 2, 4),
        zeros(1, 5, 5, 3), S1, "SAME"))
        .hasMessageStartingWith("Conv2DBackpropInput: ")
        .hasMessageContaining("[1, 5, 5, 3]").hasMessageContaining("[1, 5, 5, 4]");
    assertThatThrownBy(() -> NnOps.conv2dBackpropFilter(zeros(1, 5, 5, 2), Shape.of(3, 3, 2, 4),
        zeros(1, 3, 3, 4), S1, "SAME"))
        .hasMessageStartingWith("Conv2DBackpropFilter: ")
        .hasMessageContaining("[1, 3, 3, 4]");
    assertThatThrownBy(() -> NnOps.conv2dBackpropInput(Shape.of(5, 5, 2), zeros(3, 3, 2, 4),
        zeros(1, 5, 5, 4), S1, "SAME"))
        .hasMessageStartingWith("Conv2DBackpropInput: ").hasMessageContaining("input_sizes");
  }
}
