package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import java.util.Arrays;

/**
 * TensorFlow's strided-slice specification ({@code x[b0:e0:s0, ..., tf.newaxis, 3]}) and its
 * resolution against an input shape into one (begin, stride, size) per input axis.
 *
 * <p>Semantics follow TensorFlow exactly. The spec has one entry per index expression; bit i of a
 * mask refers to entry i. {@code ellipsisMask} marks at most one entry that stands for all axes not
 * named elsewhere (an ellipsis is implied at the end when none is given); {@code newAxisMask}
 * entries insert a size-1 axis and consume no input axis; {@code shrinkAxisMask} entries take the
 * single element at {@code begin} and remove the axis; {@code beginMask}/{@code endMask} mean "from
 * the start"/"to the end" in the stride's direction. Negative begin/end count from the end and are
 * then clamped to the valid range; a negative stride walks backwards.
 *
 * {@snippet :
 * // x[1:, ::-1]: with the raw fields, or with the builder
 * var raw = new StridedSliceSpec(new int[] {1, 0}, new int[] {0, 0}, new int[] {1, -1},
 *     0b10, 0b11, 0, 0, 0);
 * var same = StridedSliceSpec.builder().from(1).all(-1).build();
 * // x[..., tf.newaxis, 2]
 * var last = StridedSliceSpec.builder().ellipsis().newAxis().index(2).build();
 * }
 */
public record StridedSliceSpec(int[] begin, int[] end, int[] strides, int beginMask, int endMask,
    int ellipsisMask, int newAxisMask, int shrinkAxisMask) {

  private static final String OP = "StridedSlice";

  /**
   * The resolved slice.
   *
   * @param begin first element taken on each input axis
   * @param strides step on each input axis
   * @param processing number of elements taken on each input axis
   * @param output the output shape (shrunk axes removed, new axes inserted)
   */
  public record Plan(int[] begin, int[] strides, Shape processing, Shape output) {}

  /** Resolves the spec against {@code input}; throws naming what is wrong. */
  public Plan resolve(Shape input) {
    int n = strides.length;
    if (begin.length != n || end.length != n || n >= 32) {
      throw InvalidArgumentException.of(OP, "begin, end and strides must have the same length "
          + "(< 32), got " + Arrays.toString(begin) + ", " + Arrays.toString(end) + " and "
          + Arrays.toString(strides));
    }
    if ((ellipsisMask & (ellipsisMask - 1)) != 0) {
      throw InvalidArgumentException.of(OP, "more than one ellipsis in ellipsis_mask "
          + ellipsisMask);
    }
    int rank = input.rank();
    int[] b = new int[rank];
    int[] e = new int[rank];
    int[] s = new int[rank];
    int bm = 0;
    int em = 0;
    int shrink = 0;
    // where each output axis comes from: an input axis, or NEW_AXIS; shrunk axes are left out
    int[] gather = new int[rank + n + 1];
    int outRank = 0;
    final int newAxis = -2;

    int sparseDims = n;
    int ellipsis = ellipsisMask;
    int newAfterEllipsis = 0;
    boolean seen = false;
    for (int i = 0; i < n; i++) {
      if (seen && (newAxisMask & (1 << i)) != 0) {
        newAfterEllipsis++;
      }
      if ((ellipsis & (1 << i)) != 0) {
        seen = true;
      }
    }
    if (!seen) {
      ellipsis |= 1 << n;
      sparseDims++;
    }
    int full = 0;
    for (int i = 0; i < sparseDims; i++) {
      if ((ellipsis & (1 << i)) != 0) {
        int next = Math.min(rank - (sparseDims - i) + 1 + newAfterEllipsis, rank);
        for (; full < next; full++) {
          s[full] = 1;
          bm |= 1 << full;
          em |= 1 << full;
          gather[outRank++] = full;
        }
      } else if ((newAxisMask & (1 << i)) != 0) {
        gather[outRank++] = newAxis;
      } else {
        if (full == rank) {
          throw InvalidArgumentException.of(OP, "index " + i + " of the slice spec has no input "
              + "axis left: the input of shape " + input + " has only " + rank + " axes");
        }
        b[full] = begin[i];
        e[full] = end[i];
        s[full] = strides[i];
        if ((beginMask & (1 << i)) != 0) {
          bm |= 1 << full;
        }
        if ((endMask & (1 << i)) != 0) {
          em |= 1 << full;
        }
        if ((shrinkAxisMask & (1 << i)) != 0) {
          shrink |= 1 << full;
        } else {
          gather[outRank++] = full;
        }
        full++;
      }
    }

    int[] proc = new int[rank];
    for (int i = 0; i < rank; i++) {
      int dim = input.dim(i);
      int stride = s[i];
      if (stride == 0) {
        throw InvalidArgumentException.of(OP, "strides[" + i + "] must be non-zero, got strides "
            + Arrays.toString(strides));
      }
      boolean shrinkI = (shrink & (1 << i)) != 0;
      if (shrinkI && stride <= 0) {
        throw InvalidArgumentException.of(OP, "a shrunk (single index) axis needs a positive "
            + "stride, got " + stride + " on axis " + i);
      }
      long lo;
      long hi;
      if (shrinkI) {
        long fwd = b[i] < 0 ? (long) dim + b[i] : b[i];
        if (fwd < 0 || fwd >= dim) {
          throw InvalidArgumentException.of(OP, "index " + b[i] + " is out of bounds for axis "
              + i + " of size " + dim + " (input shape " + input + ")");
        }
        lo = fwd;
        hi = fwd + 1;
      } else {
        lo = canonical(b[i], (bm & (1 << i)) != 0, 0, stride, dim);
        hi = canonical(e[i], (em & (1 << i)) != 0, 1, stride, dim);
      }
      long interval = hi - lo;
      long size;
      if (interval == 0 || (interval < 0) != (stride < 0)) {
        size = 0;
      } else {
        size = interval / stride + (interval % stride != 0 ? 1 : 0);
      }
      b[i] = (int) lo;
      proc[i] = (int) size;
    }
    int[] out = new int[outRank];
    for (int k = 0; k < outRank; k++) {
      out[k] = gather[k] == newAxis ? 1 : proc[gather[k]];
    }
    return new Plan(b, s, Shape.of(proc), Shape.of(out));
  }

  /** A begin (c = 0) or end (c = 1) bound made non-negative and clamped to the valid range. */
  private static long canonical(int x, boolean masked, int c, int stride, int dim) {
    long lo = stride > 0 ? 0 : -1;
    long hi = stride > 0 ? dim : dim - 1;
    if (masked) {
      // begin masked: the first element in the stride's direction; end masked: past the last
      return (stride > 0) == (c == 0) ? lo : hi;
    }
    long fwd = x < 0 ? (long) dim + x : x;
    return Math.max(lo, Math.min(hi, fwd));
  }

  /** Starts a spec written entry by entry, as a Python subscript reads. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a spec one index expression at a time: {@code x[a:b, ..., 3]}. */
  public static final class Builder {
    private final int[] begin = new int[31];
    private final int[] end = new int[31];
    private final int[] strides = new int[31];
    private int n;
    private int beginMask;
    private int endMask;
    private int ellipsisMask;
    private int newAxisMask;
    private int shrinkMask;

    private Builder() {}

    private Builder add(int b, int e, int s, boolean bMasked, boolean eMasked) {
      if (n == begin.length) {
        throw new InvalidArgumentException(OP + ": a slice spec has at most 31 entries");
      }
      begin[n] = b;
      end[n] = e;
      strides[n] = s;
      beginMask |= bMasked ? 1 << n : 0;
      endMask |= eMasked ? 1 << n : 0;
      n++;
      return this;
    }

    /** {@code b:e}. */
    public Builder range(int b, int e) {
      return add(b, e, 1, false, false);
    }

    /** {@code b:e:s}. */
    public Builder range(int b, int e, int s) {
      return add(b, e, s, false, false);
    }

    /** {@code b:}. */
    public Builder from(int b) {
      return add(b, 0, 1, false, true);
    }

    /** {@code :e}. */
    public Builder to(int e) {
      return add(0, e, 1, true, false);
    }

    /** {@code :}. */
    public Builder all() {
      return all(1);
    }

    /** {@code ::s}. */
    public Builder all(int s) {
      return add(0, 0, s, true, true);
    }

    /** A single index {@code i}: the axis is removed. */
    public Builder index(int i) {
      shrinkMask |= 1 << n;
      return add(i, i + 1, 1, false, false);
    }

    /** {@code tf.newaxis}. */
    public Builder newAxis() {
      newAxisMask |= 1 << n;
      return add(0, 0, 1, false, false);
    }

    /** {@code ...}. */
    public Builder ellipsis() {
      ellipsisMask |= 1 << n;
      return add(0, 0, 1, false, false);
    }

    public StridedSliceSpec build() {
      return new StridedSliceSpec(Arrays.copyOf(begin, n), Arrays.copyOf(end, n),
          Arrays.copyOf(strides, n), beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask);
    }
  }

  @Override
  public String toString() {
    return "begin=" + Arrays.toString(begin) + " end=" + Arrays.toString(end) + " strides="
        + Arrays.toString(strides) + " masks(begin=" + beginMask + ", end=" + endMask
        + ", ellipsis=" + ellipsisMask + ", new_axis=" + newAxisMask + ", shrink=" + shrinkAxisMask
        + ")";
  }
}
