package dev.rill.core.ops.nn.conv;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.kernel.conv.Geometry;
import java.util.Arrays;

/**
 * Attributes of {@code MaxPool}, {@code AvgPool} and their gradients: four-element {@code ksize}
 * and {@code strides} (NHWC, 1 for batch and depth), {@code padding} "SAME" or "VALID", and
 * {@code data_format} "NHWC".
 *
 * {@snippet :
 * PoolAttrs cifar = PoolAttrs.of(new int[] {1, 3, 3, 1}, new int[] {1, 2, 2, 1}, "SAME");
 * }
 */
public record PoolAttrs(int[] ksize, int[] strides, String padding, String dataFormat) {
  public static PoolAttrs of(int[] ksize, int[] strides, String padding) {
    return new PoolAttrs(ksize.clone(), strides.clone(), padding, ConvAttrs.DATA_FORMAT_DEFAULT);
  }

  /** Checks the attributes against an input shape and returns the window geometry. */
  public Geometry geometry(String op, Shape input) {
    if (!ConvAttrs.DATA_FORMAT_DEFAULT.equals(dataFormat)) {
      throw InvalidArgumentException.of(op, "only data_format \"NHWC\" is supported, got \""
          + dataFormat + "\"");
    }
    if (input.rank() != 4) {
      throw InvalidArgumentException.of(op, "input must be 4-dimensional [batch, height, width, "
          + "channels], got shape " + input);
    }
    ConvAttrs.requireNhwcVector(op, "ksize", ksize);
    ConvAttrs.requireNhwcVector(op, "strides", strides);
    Padding p = Padding.parse(op, padding, false);
    int[] h = p.window(op, input.dim(1), ksize[1], strides[1], 1, 0, 0);
    int[] w = p.window(op, input.dim(2), ksize[2], strides[2], 1, 0, 0);
    return new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), ksize[1], ksize[2],
        input.dim(3), strides[1], strides[2], 1, 1, h[0], w[0], h[1], w[1]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoolAttrs a && Arrays.equals(ksize, a.ksize)
        && Arrays.equals(strides, a.strides) && padding.equals(a.padding)
        && dataFormat.equals(a.dataFormat);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(ksize) * 31 + Arrays.hashCode(strides)) * 31 + padding.hashCode();
  }

  @Override
  public String toString() {
    return "PoolAttrs[ksize=" + Arrays.toString(ksize) + ", strides=" + Arrays.toString(strides)
        + ", padding=" + padding + ", data_format=" + dataFormat + "]";
  }
}
