package dev.rill.core.ops.math;

import dev.rill.core.Shape;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.kernel.Parallel;

/**
 * Walks a broadcast binary op as a few long runs instead of one callback per innermost row.
 * Adjacent dimensions merge when both inputs step through them contiguously (or both stay put), so
 * same-shape operands and a tensor with a scalar become one flat run, cut into parallel chunks;
 * only true broadcasts (a bias along the last axis, say) keep rows.
 *
 * {@snippet :
 * BroadcastRuns.forEach(x.shape(), y.shape(), out, (ix, sx, iy, sy, o, len) -> {
 *   for (int i = 0; i < len; i++) c[o + i] = a[ix + i * sx] + b[iy + i * sy];
 * });
 * }
 */
public final class BroadcastRuns {
  /**
   * Elements per parallel chunk. These loops stream memory at a few bytes a cycle, and handing
   * work to the pool costs tens of microseconds on a busy machine, so a [100, 1024] batch stays on
   * the calling thread.
   */
  public static final int GRAIN = 1 << 16;

  private BroadcastRuns() {}

  /**
   * One run: output elements {@code [o, o + len)} combine {@code x[ix + i * sx]} and
   * {@code y[iy + i * sy]}; the strides are 0 or 1 except for unusual broadcasts.
   */
  @FunctionalInterface
  public interface Body {
    void run(int ix, int sx, int iy, int sy, int o, int len);
  }

  /** Calls {@code body} on runs covering {@code out}, in parallel for large outputs. */
  public static void forEach(Shape x, Shape y, Shape out, Body body) {
    forEach(x, y, out, GRAIN, body);
  }

  /** Like {@link #forEach(Shape, Shape, Shape, Body)} with chunks of at least {@code grain}. */
  public static void forEach(Shape x, Shape y, Shape out, int grain, Body body) {
    int n = out.size();
    if (n == 0) {
      return;
    }
    int rank = out.rank();
    int[] xs = Broadcast.stridesFor(x, out);
    int[] ys = Broadcast.stridesFor(y, out);
    // merged dimensions, innermost first
    int[] dims = new int[Math.max(1, rank)];
    int[] mx = new int[dims.length];
    int[] my = new int[dims.length];
    int groups = 0;
    for (int d = rank - 1; d >= 0; d--) {
      int size = out.dim(d);
      if (size == 1) {
        continue;
      }
      if (groups > 0) {
        int g = groups - 1;
        if (xs[d] == mx[g] * dims[g] && ys[d] == my[g] * dims[g]) {
          dims[g] *= size;
          continue;
        }
      }
      dims[groups] = size;
      mx[groups] = xs[d];
      my[groups] = ys[d];
      groups++;
    }
    if (groups <= 1) {
      int sx = groups == 0 ? 0 : mx[0];
      int sy = groups == 0 ? 0 : my[0];
      Parallel.range(n, grain, (from, to) -> body.run(from * sx, sx, from * sy, sy, from,
          to - from));
      return;
    }
    int inner = dims[0];
    int sx = mx[0];
    int sy = my[0];
    int outerRank = groups - 1;
    int[] outerDims = new int[outerRank + 1];
    int[][] strides = new int[2][outerRank + 1];
    for (int g = 1; g < groups; g++) {
      int d = outerRank - g;   // outermost first
      outerDims[d] = dims[g];
      strides[0][d] = mx[g];
      strides[1][d] = my[g];
    }
    outerDims[outerRank] = inner;
    strides[0][outerRank] = sx;
    strides[1][outerRank] = sy;
    Shape merged = Shape.of(outerDims);
    int rows = n / inner;
    Parallel.range(rows, Math.max(1, grain / inner), (from, to) ->
        Broadcast.forEachRow(merged, strides, from, to,
            (o, off) -> body.run(off[0], sx, off[1], sy, o, inner)));
  }
}
