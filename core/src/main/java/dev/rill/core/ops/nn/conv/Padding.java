package dev.rill.core.ops.nn.conv;

import dev.rill.core.InvalidArgumentException;

/**
 * TensorFlow's padding schemes for sliding windows, and the output size and leading padding they
 * give along one spatial dimension.
 *
 * <ul>
 *   <li>{@code VALID}: windows lie wholly inside: {@code out = ceil((in - eff + 1) / stride)}.
 *   <li>{@code SAME}: {@code out = ceil(in / stride)}; the padding needed,
 *       {@code max((out - 1) * stride + eff - in, 0)}, is split with the odd element after.
 *   <li>{@code EXPLICIT}: the caller gives the padding before and after.
 * </ul>
 * where {@code eff = (k - 1) * dilation + 1} is the dilated window size.
 *
 * {@snippet :
 * Padding.SAME.window("Conv2D", 8, 3, 2, 1, 0, 0);   // {4, 0}: 4 outputs, pad 0 before, 1 after
 * }
 */
public enum Padding {
  SAME,
  VALID,
  EXPLICIT;

  /** Parses TensorFlow's padding attribute; {@code EXPLICIT} only where {@code explicitOk}. */
  public static Padding parse(String op, String padding, boolean explicitOk) {
    if ("SAME".equals(padding)) {
      return SAME;
    }
    if ("VALID".equals(padding)) {
      return VALID;
    }
    if (explicitOk && "EXPLICIT".equals(padding)) {
      return EXPLICIT;
    }
    throw InvalidArgumentException.of(op, "padding must be " + (explicitOk
        ? "\"SAME\", \"VALID\" or \"EXPLICIT\"" : "\"SAME\" or \"VALID\"") + ", got \"" + padding
        + "\"");
  }

  /**
   * The output size and the padding before the first element along one dimension. An unknown
   * size (-1, in graph specs) gives an unknown output size.
   *
   * @param before padding before (EXPLICIT only)
   * @param after padding after (EXPLICIT only)
   * @return {@code {outputSize, padBefore}}
   */
  public int[] window(String op, int in, int k, int stride, int dilation, int before, int after) {
    if (in < 0 || k < 0) {
      return new int[] {-1, 0}; // not known until the graph runs
    }
    int eff = (k - 1) * dilation + 1;
    return switch (this) {
      case VALID -> {
        // truncating division, as TensorFlow's: a slightly negative numerator still gives 0
        int out = (in - eff + stride) / stride;
        if (out < 0) {
          throw negative(op, in, eff, stride);
        }
        yield new int[] {out, 0};
      }
      case SAME -> {
        int out = (in + stride - 1) / stride;
        int needed = Math.max(0, (out - 1) * stride + eff - in);
        yield new int[] {out, needed / 2};
      }
      case EXPLICIT -> {
        int padded = in + before + after;
        int out = (padded - eff + stride) / stride;
        if (out < 0) {
          throw negative(op, padded, eff, stride);
        }
        yield new int[] {out, before};
      }
    };
  }

  private static InvalidArgumentException negative(String op, int in, int eff, int stride) {
    return InvalidArgumentException.of(op, "computed output size would be negative: input size "
        + in + ", effective filter size " + eff + ", stride " + stride);
  }
}
