package dev.rill.core.ops.nn.conv;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.Geometry;
import java.util.Arrays;

/**
 * Attributes of a convolution backprop: the forward op's {@link ConvAttrs} and the shape of the
 * operand whose gradient is computed ({@code input_sizes} or {@code filter_sizes}, which TensorFlow
 * passes as a constant input tensor).
 *
 * {@snippet :
 * var a = new BackpropAttrs(new int[] {1, 5, 5, 2}, ConvAttrs.of(new int[] {1, 1, 1, 1}, "SAME"));
 * }
 */
public record BackpropAttrs(int[] sizes, ConvAttrs conv) {
  /** The sizes as a shape, checked to be four non-negative dimensions. */
  Shape shape(String op, String name) {
    if (sizes.length != 4) {
      throw InvalidArgumentException.of(op, name + " must have 4 values, got "
          + Arrays.toString(sizes));
    }
    for (int d : sizes) {
      if (d < 0) {
        throw InvalidArgumentException.of(op, name + " must be non-negative, got "
            + Arrays.toString(sizes));
      }
    }
    return Shape.of(sizes);
  }

  /** Throws unless the output gradient has the forward output's shape. */
  static void requireOutBackprop(String op, Geometry g, TensorSpec dy, Shape input, Shape filter) {
    Shape expected = ConvAttrs.outShape(g);
    if (!ConvAttrs.compatible(dy.shape(), expected)) {
      throw InvalidArgumentException.of(op, "out_backprop shape " + dy.shape()
          + " does not match the forward output shape " + expected + " of input " + input
          + " and filter " + filter);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackpropAttrs a && Arrays.equals(sizes, a.sizes) && conv.equals(a.conv);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes) * 31 + conv.hashCode();
  }

  @Override
  public String toString() {
    return "BackpropAttrs[sizes=" + Arrays.toString(sizes) + ", " + conv + "]";
  }
}
