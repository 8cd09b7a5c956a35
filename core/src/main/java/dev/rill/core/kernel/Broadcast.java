package dev.rill.core.kernel;

import dev.rill.core.Shape;

/**
 * Index arithmetic for NumPy broadcasting: for each element of the output, the offsets of the
 * matching elements in the inputs. The innermost dimension is left to the caller's loop (with
 * stride 0 or 1 per input), so kernels stay tight.
 */
public final class Broadcast {
  private Broadcast() {}

  /**
   * Strides of {@code in} as seen from {@code out}'s dimensions: 0 along broadcast dimensions.
   * {@code in} must broadcast to {@code out}.
   */
  public static int[] stridesFor(Shape in, Shape out) {
    int rank = out.rank();
    int[] inStrides = in.strides();
    int[] s = new int[rank];
    int shift = rank - in.rank();
    for (int i = 0; i < rank; i++) {
      int j = i - shift;
      s[i] = j < 0 || in.dim(j) == 1 ? 0 : inStrides[j];
    }
    return s;
  }

  /** Visits rows of the output: each call gets the row's start offsets and the row length. */
  @FunctionalInterface
  public interface RowVisitor {
    /**
     * @param outOffset offset of the row in the output
     * @param offsets offset of the row's first element in each input
     */
    void row(int outOffset, int[] offsets);
  }

  /**
   * Calls {@code visitor} once per innermost row of {@code out}, in order, for rows
   * {@code [fromRow, toRow)}. Each input's stride along the row is {@code strides[k][rank-1]}.
   */
  public static void forEachRow(Shape out, int[][] strides, int fromRow, int toRow,
      RowVisitor visitor) {
    int rank = out.rank();
    int k = strides.length;
    int[] offsets = new int[k];
    if (rank == 0) {
      if (fromRow < toRow) {
        visitor.row(0, offsets);
      }
      return;
    }
    if (fromRow >= toRow) {
      return;
    }
    int inner = out.dim(rank - 1);
    int[] idx = new int[rank - 1];
    // Decompose the first row index into an odometer position.
    int r = fromRow;
    for (int d = rank - 2; d >= 0; d--) {
      int dim = out.dim(d);
      idx[d] = r % dim;
      r /= dim;
    }
    for (int j = 0; j < k; j++) {
      int o = 0;
      for (int d = 0; d < rank - 1; d++) {
        o += idx[d] * strides[j][d];
      }
      offsets[j] = o;
    }
    for (int row = fromRow; row < toRow; row++) {
      visitor.row(row * inner, offsets);
      for (int d = rank - 2; d >= 0; d--) {
        idx[d]++;
        for (int j = 0; j < k; j++) {
          offsets[j] += strides[j][d];
        }
        if (idx[d] < out.dim(d)) {
          break;
        }
        for (int j = 0; j < k; j++) {
          offsets[j] -= strides[j][d] * idx[d];
        }
        idx[d] = 0;
      }
    }
  }

  /** Number of innermost rows of {@code out}. */
  public static int rows(Shape out) {
    return out.rank() == 0 ? 1 : out.size(0, out.rank() - 1);
  }

  /** Receives one element of a broadcast binary op: its output index and its inputs' indices. */
  @FunctionalInterface
  public interface PairSink {
    void at(int out, int x, int y);
  }

  /**
   * Calls {@code sink} for every element of {@code out}, in order, with the indices of the
   * elements of {@code x} and {@code y} (each broadcast to {@code out}) it combines.
   */
  public static void forEachPair(Shape out, Shape x, Shape y, PairSink sink) {
    int[][] strides = {stridesFor(x, out), stridesFor(y, out)};
    int rank = out.rank();
    int inner = rank == 0 ? 1 : out.dim(rank - 1);
    int sx = rank == 0 ? 0 : strides[0][rank - 1];
    int sy = rank == 0 ? 0 : strides[1][rank - 1];
    forEachRow(out, strides, 0, rows(out), (o, off) -> {
      int ix = off[0];
      int iy = off[1];
      for (int i = 0; i < inner; i++, ix += sx, iy += sy) {
        sink.at(o + i, ix, iy);
      }
    });
  }
}
