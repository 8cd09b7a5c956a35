package dev.rill.core.ops.reduce;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.kernel.Parallel;
import java.util.Arrays;

/**
 * The geometry of a reduction over some axes: which axes, the output shape with and without kept
 * dimensions, and a walk over the input that says where each element lands in the output.
 */
public final class Reduction {
  /**
   * Reduction attributes: the axes (null = all, empty = none, as TensorFlow's axis=None and
   * axis=[]) and whether reduced axes stay as size 1.
   */
  public record Attrs(int[] axes, boolean keepDims) {
    public static Attrs all(boolean keepDims) {
      return new Attrs(null, keepDims);
    }
  }

  private final Shape in;
  private final boolean[] reduced;
  private final Shape keptShape;
  private final Shape outShape;
  private final int count;

  private Reduction(Shape in, boolean[] reduced, boolean keepDims) {
    this.in = in;
    this.reduced = reduced;
    int[] kept = in.dims();
    int c = 1;
    int outRank = 0;
    for (int i = 0; i < kept.length; i++) {
      if (reduced[i]) {
        c *= kept[i];
        kept[i] = 1;
      } else {
        outRank++;
      }
    }
    this.count = c;
    this.keptShape = Shape.of(kept);
    int[] out = new int[outRank];
    for (int i = 0, k = 0; i < kept.length; i++) {
      if (!reduced[i]) {
        out[k++] = kept[i];
      }
    }
    this.outShape = keepDims ? keptShape : Shape.of(out);
  }

  /** Validates {@code axes} (null means all axes) for a tensor of shape {@code in}. */
  public static Reduction of(String op, Shape in, int[] axes, boolean keepDims) {
    boolean[] reduced = new boolean[in.rank()];
    if (axes == null) {
      Arrays.fill(reduced, true);
    } else {
      for (int a : axes) {
        int ax;
        try {
          ax = in.normalizeAxis(a);
        } catch (InvalidArgumentException e) {
          throw InvalidArgumentException.of(op, "axis " + a + " is out of range for input of shape "
              + in);
        }
        if (reduced[ax]) {
          throw InvalidArgumentException.of(op, "axis " + a + " appears twice in "
              + Arrays.toString(axes));
        }
        reduced[ax] = true;
      }
    }
    return new Reduction(in, reduced, keepDims);
  }

  public Shape inputShape() {
    return in;
  }

  /** The output shape as the op returns it. */
  public Shape outShape() {
    return outShape;
  }

  /** The output shape with reduced axes kept as size 1 (for broadcasting back). */
  public Shape keptShape() {
    return keptShape;
  }

  /** How many input elements fold into each output element. */
  public int count() {
    return count;
  }

  public boolean isReduced(int axis) {
    return reduced[axis];
  }

  public TensorSpec spec(TensorSpec input) {
    return new TensorSpec(input.dtype(), outShape);
  }

  /** Receives each innermost row of the input and the output offset of its first element. */
  @FunctionalInterface
  public interface RowSink {
    /**
     * @param inOffset offset of the row in the input
     * @param outOffset output offset of the row's first element
     * @param outStride output stride along the row: 0 if the last axis is reduced, else 1
     * @param length row length
     */
    void row(int inOffset, int outOffset, int outStride, int length);
  }

  /**
   * Walks every input row, in parallel where rows of different chunks never share an output
   * element (the first axis is kept), else on the calling thread.
   */
  public void forEachRow(RowSink sink) {
    int rank = in.rank();
    int[] outStrides = new int[rank];
    int[] ks = keptShape.strides();
    for (int i = 0; i < rank; i++) {
      outStrides[i] = reduced[i] ? 0 : ks[i];
    }
    int length = rank == 0 ? 1 : in.dim(rank - 1);
    int lastStride = rank == 0 ? 0 : outStrides[rank - 1];
    int rows = Broadcast.rows(in);
    int[][] strides = {outStrides};
    if (in.size() == 0) {
      return;
    }
    Broadcast.RowVisitor visitor = (inOffset, off) -> sink.row(inOffset, off[0], lastStride, length);
    if (rank >= 2 && !reduced[0] && in.size() >= (1 << 16)) {
      int perSlice = rows / in.dim(0);
      Parallel.range(in.dim(0), 1, (from, to) ->
          Broadcast.forEachRow(in, strides, from * perSlice, to * perSlice, visitor));
    } else {
      Broadcast.forEachRow(in, strides, 0, rows, visitor);
    }
  }
}
