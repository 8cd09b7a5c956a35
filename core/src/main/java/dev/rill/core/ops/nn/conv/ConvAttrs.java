package dev.rill.core.ops.nn.conv;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.Geometry;
import dev.rill.core.ops.math.Elementwise;
import java.util.Arrays;

/**
 * The attributes of {@code Conv2D}, {@code DepthwiseConv2dNative} and their backprops, as
 * TensorFlow names them: four-element {@code strides} and {@code dilations} (NHWC order, batch and
 * depth entries 1), {@code padding} ("SAME", "VALID" or "EXPLICIT" with eight
 * {@code explicit_paddings}, before/after per dimension) and {@code data_format} (only "NHWC").
 *
 * {@snippet :
 * ConvAttrs a = ConvAttrs.of(new int[] {1, 2, 2, 1}, "SAME");
 * Geometry g = a.geometry("Conv2D", Shape.of(1, 8, 8, 2), Shape.of(3, 3, 2, 4), false);
 * g.outH();   // 4
 * }
 */
public record ConvAttrs(int[] strides, String padding, int[] explicitPaddings, int[] dilations,
    String dataFormat) {
  public static final String DATA_FORMAT_DEFAULT = "NHWC";
  private static final int[] ONES = {1, 1, 1, 1};

  /** Strides and padding; no dilation, NHWC. */
  public static ConvAttrs of(int[] strides, String padding) {
    return new ConvAttrs(strides.clone(), padding, new int[0], ONES.clone(), DATA_FORMAT_DEFAULT);
  }

  public static ConvAttrs of(int[] strides, String padding, int[] dilations) {
    return new ConvAttrs(strides.clone(), padding, new int[0], dilations.clone(),
        DATA_FORMAT_DEFAULT);
  }

  /**
   * Checks the attributes against an input and filter shape and returns the geometry. For a
   * depthwise filter {@code [kH, kW, inC, multiplier]} the output depth is
   * {@code inC * multiplier}; for Conv2D's {@code [kH, kW, inC, outC]} it is {@code outC}.
   */
  public Geometry geometry(String op, Shape input, Shape filter, boolean depthwise) {
    if (!DATA_FORMAT_DEFAULT.equals(dataFormat)) {
      throw InvalidArgumentException.of(op, "only data_format \"NHWC\" is supported, got \""
          + dataFormat + "\"");
    }
    if (input.rank() != 4) {
      throw InvalidArgumentException.of(op, "input must be 4-dimensional [batch, height, width, "
          + "channels], got shape " + input);
    }
    if (filter.rank() != 4) {
      throw InvalidArgumentException.of(op, "filter must be 4-dimensional [height, width, "
          + "in_channels, " + (depthwise ? "channel_multiplier" : "out_channels") + "], got shape "
          + filter);
    }
    if (input.dim(3) >= 0 && filter.dim(2) >= 0 && input.dim(3) != filter.dim(2)) {
      throw InvalidArgumentException.of(op, "input depth " + input.dim(3)
          + " does not match filter in_channels " + filter.dim(2) + ": input shape " + input
          + ", filter shape " + filter);
    }
    requireNhwcVector(op, "strides", strides);
    requireNhwcVector(op, "dilations", dilations);
    Padding p = Padding.parse(op, padding, true);
    int[] pads = new int[8];
    if (p == Padding.EXPLICIT) {
      if (explicitPaddings.length != 8) {
        throw InvalidArgumentException.of(op, "explicit_paddings must have 8 values, got "
            + Arrays.toString(explicitPaddings));
      }
      for (int i = 0; i < 8; i++) {
        if (explicitPaddings[i] < 0 || (explicitPaddings[i] != 0 && (i < 2 || i > 5))) {
          throw InvalidArgumentException.of(op, "explicit_paddings must be non-negative and 0 "
              + "for the batch and depth dimensions, got " + Arrays.toString(explicitPaddings));
        }
      }
      pads = explicitPaddings;
    } else if (explicitPaddings.length != 0) {
      throw InvalidArgumentException.of(op, "explicit_paddings must be empty unless padding is "
          + "\"EXPLICIT\", got " + Arrays.toString(explicitPaddings));
    }
    int[] h = p.window(op, input.dim(1), filter.dim(0), strides[1], dilations[1], pads[2], pads[3]);
    int[] w = p.window(op, input.dim(2), filter.dim(1), strides[2], dilations[2], pads[4], pads[5]);
    int inC = input.dim(3) >= 0 ? input.dim(3) : filter.dim(2);
    int outC = !depthwise ? filter.dim(3) : inC < 0 || filter.dim(3) < 0 ? -1 : inC * filter.dim(3);
    return new Geometry(input.dim(0), input.dim(1), input.dim(2), input.dim(3), filter.dim(0),
        filter.dim(1), outC, strides[1], strides[2], dilations[1], dilations[2], h[0], w[0], h[1],
        w[1]);
  }

  /** The output shape of a geometry: {@code [batch, outH, outW, outC]}. */
  public static Shape outShape(Geometry g) {
    return Shape.of(g.batch(), g.outH(), g.outW(), g.outC());
  }

  /** Equal ranks and equal dimensions, where a -1 (unknown, in graph specs) matches anything. */
  static boolean compatible(Shape a, Shape b) {
    if (a.rank() != b.rank()) {
      return false;
    }
    for (int i = 0; i < a.rank(); i++) {
      if (a.dim(i) >= 0 && b.dim(i) >= 0 && a.dim(i) != b.dim(i)) {
        return false;
      }
    }
    return true;
  }

  /** Both operands float32 or both float64. */
  public static DType requireFloatPair(String op, String a, TensorSpec x, String b, TensorSpec y) {
    if (x.dtype() != y.dtype()) {
      throw InvalidArgumentException.of(op, a + " and " + b + " must have the same dtype, got " + a
          + " " + x + " and " + b + " " + y);
    }
    Elementwise.requireDType(op, x.dtype(), Elementwise.FLOATS);
    return x.dtype();
  }

  /** A stride, dilation or window size list: four positive values, 1 for batch and depth. */
  static void requireNhwcVector(String op, String name, int[] v) {
    if (v.length != 4) {
      throw InvalidArgumentException.of(op, name + " must have 4 values (NHWC), got "
          + Arrays.toString(v));
    }
    if (v[0] != 1 || v[3] != 1) {
      throw InvalidArgumentException.of(op, name + " must be 1 in the batch and depth dimensions, "
          + "got " + Arrays.toString(v));
    }
    if (v[1] < 1 || v[2] < 1) {
      throw InvalidArgumentException.of(op, name + " must be positive, got " + Arrays.toString(v));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvAttrs a && Arrays.equals(strides, a.strides)
        && padding.equals(a.padding) && Arrays.equals(explicitPaddings, a.explicitPaddings)
        && Arrays.equals(dilations, a.dilations) && dataFormat.equals(a.dataFormat);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(strides) * 31 + padding.hashCode();
  }

  @Override
  public String toString() {
    return "ConvAttrs[strides=" + Arrays.toString(strides) + ", padding=" + padding
        + (explicitPaddings.length > 0 ? ", explicit_paddings=" + Arrays.toString(explicitPaddings)
        : "") + ", dilations=" + Arrays.toString(dilations) + ", data_format=" + dataFormat + "]";
  }
}
