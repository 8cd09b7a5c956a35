package dev.rill.core.ops.array;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.Parallel;

/**
 * Copies an n-dimensional box of elements between two arrays, each seen through an offset and
 * per-axis strides (any sign, zero for broadcast). Transpose, reverse, slice, strided slice, tile
 * and pad are all this one loop with different strides, for every dtype.
 *
 * {@snippet :
 * // out[i][j] = x[j][i] for x of shape [2, 3]
 * Strided.copy(DType.FLOAT32, x.data(), 0, new int[] {1, 3}, out, 0, new int[] {2, 1},
 *     new int[] {3, 2});
 * }
 */
final class Strided {
  /** Elements per parallel chunk. */
  private static final int GRAIN = 1 << 15;
  /** Side of the square tiles a transpose is walked in. */
  private static final int TILE = 32;

  private Strided() {}

  /** Reads {@code x} through {@code (offset, strides)} into a new contiguous tensor of {@code shape}. */
  static Tensor gather(Tensor x, int offset, int[] strides, Shape shape) {
    Object out = Tensor.allocate(x.dtype(), shape.size());
    copy(x.dtype(), x.data(), offset, strides, out, 0, shape.strides(), shape.dims());
    return Tensor.wrap(x.dtype(), shape, out);
  }

  /**
   * For every index {@code i} in {@code shape}: {@code dst[dstOff + i.dstStrides] =
   * src[srcOff + i.srcStrides]}. Destination positions must be distinct.
   */
  static void copy(DType dtype, Object src, int srcOff, int[] srcStrides, Object dst, int dstOff,
      int[] dstStrides, int[] shape) {
    for (int d : shape) {
      if (d == 0) {
        return;
      }
    }
    int[] dims = shape;
    int[] ss = srcStrides;
    int[] ds = dstStrides;
    if (dtype == DType.COMPLEX64) {
      // a complex element is two floats: an inner axis of 2 with unit strides
      dims = append(shape, 2);
      ss = append(times2(srcStrides), 1);
      ds = append(times2(dstStrides), 1);
      srcOff *= 2;
      dstOff *= 2;
    }
    int[][] merged = merge(dims, ss, ds);
    run(src, srcOff, merged[1], dst, dstOff, merged[2], merged[0]);
  }

  /** Drops size-1 axes and fuses neighbours that are contiguous in both arrays. */
  private static int[][] merge(int[] dims, int[] ss, int[] ds) {
    int n = dims.length;
    int[] md = new int[n + 1];
    int[] ms = new int[n + 1];
    int[] mt = new int[n + 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (dims[i] == 1) {
        continue;
      }
      if (k > 0 && ms[k - 1] == ss[i] * dims[i] && mt[k - 1] == ds[i] * dims[i]) {
        md[k - 1] *= dims[i];
        ms[k - 1] = ss[i];
        mt[k - 1] = ds[i];
      } else {
        md[k] = dims[i];
        ms[k] = ss[i];
        mt[k] = ds[i];
        k++;
      }
    }
    if (k == 0) {
      md[0] = 1;
      k = 1;
    }
    return new int[][] {java.util.Arrays.copyOf(md, k), java.util.Arrays.copyOf(ms, k),
        java.util.Arrays.copyOf(mt, k)};
  }

  private static void run(Object src, int srcOff, int[] ss, Object dst, int dstOff, int[] ds,
      int[] dims) {
    if (transposeInTiles(src, srcOff, ss, dst, dstOff, ds, dims)) {
      return;
    }
    int rank = dims.length;
    int inner = dims[rank - 1];
    int si = ss[rank - 1];
    int di = ds[rank - 1];
    int rows = 1;
    for (int i = 0; i < rank - 1; i++) {
      rows *= dims[i];
    }
    int rowGrain = Math.max(1, GRAIN / inner);
    Parallel.range(rows, rowGrain, (from, to) -> {
      int[] idx = new int[Math.max(0, rank - 1)];
      int r = from;
      int so = srcOff;
      int dO = dstOff;
      for (int d = rank - 2; d >= 0; d--) {
        idx[d] = r % dims[d];
        r /= dims[d];
        so += idx[d] * ss[d];
        dO += idx[d] * ds[d];
      }
      for (int row = from; row < to; row++) {
        row(src, so, si, dst, dO, di, inner);
        for (int d = rank - 2; d >= 0; d--) {
          idx[d]++;
          so += ss[d];
          dO += ds[d];
          if (idx[d] < dims[d]) {
            break;
          }
          so -= ss[d] * idx[d];
          dO -= ds[d] * idx[d];
          idx[d] = 0;
        }
      }
    });
  }

  /**
   * When the source is contiguous along some axis p but strided along the destination's contiguous
   * last axis (a transpose), walks [p, last] in square tiles so that both sides stay in cache.
   */
  private static boolean transposeInTiles(Object src, int srcOff, int[] ss, Object dst,
      int dstOff, int[] ds, int[] dims) {
    int rank = dims.length;
    int last = rank - 1;
    boolean typed = src instanceof float[] || src instanceof double[] || src instanceof int[]
        || src instanceof long[];
    if (!typed || rank < 2 || ds[last] != 1 || ss[last] == 1 || dims[last] < TILE) {
      return false;
    }
    int p = -1;
    for (int i = 0; i < last; i++) {
      if (ss[i] == 1 && dims[i] >= TILE) {
        p = i;
      }
    }
    if (p < 0) {
      return false;
    }
    int[] od = new int[rank - 2];
    int[] os = new int[rank - 2];
    int[] odst = new int[rank - 2];
    for (int i = 0, k = 0; i < last; i++) {
      if (i != p) {
        od[k] = dims[i];
        os[k] = ss[i];
        odst[k++] = ds[i];
      }
    }
    int rows = 1;
    for (int d : od) {
      rows *= d;
    }
    int n = dims[p];
    int m = dims[last];
    int si = ss[last];
    int dp = ds[p];
    int chunks = (n + TILE - 1) / TILE;
    Parallel.range(rows * chunks, Math.max(1, GRAIN / (TILE * m)), (from, to) -> {
      for (int t = from; t < to; t++) {
        int r = t / chunks;
        int i0 = (t - r * chunks) * TILE;
        int i1 = Math.min(n, i0 + TILE);
        int so = srcOff;
        int dO = dstOff;
        for (int d = od.length - 1; d >= 0; d--) {
          int q = r % od[d];
          r /= od[d];
          so += q * os[d];
          dO += q * odst[d];
        }
        for (int j0 = 0; j0 < m; j0 += TILE) {
          tile(src, so, si, dst, dO, dp, i0, i1, j0, Math.min(m, j0 + TILE));
        }
      }
    });
    return true;
  }

  /** dst[d + i*dp + j] = src[s + i + j*si] for i in [i0, i1), j in [j0, j1). */
  private static void tile(Object src, int s, int si, Object dst, int d, int dp, int i0, int i1,
      int j0, int j1) {
    switch (src) {
      case float[] a -> {
        float[] b = (float[]) dst;
        for (int i = i0; i < i1; i++) {
          for (int j = j0, o = d + i * dp + j0, k = s + i + j0 * si; j < j1; j++, k += si) {
            b[o++] = a[k];
          }
        }
      }
      case double[] a -> {
        double[] b = (double[]) dst;
        for (int i = i0; i < i1; i++) {
          for (int j = j0, o = d + i * dp + j0, k = s + i + j0 * si; j < j1; j++, k += si) {
            b[o++] = a[k];
          }
        }
      }
      case int[] a -> {
        int[] b = (int[]) dst;
        for (int i = i0; i < i1; i++) {
          for (int j = j0, o = d + i * dp + j0, k = s + i + j0 * si; j < j1; j++, k += si) {
            b[o++] = a[k];
          }
        }
      }
      case long[] a -> {
        long[] b = (long[]) dst;
        for (int i = i0; i < i1; i++) {
          for (int j = j0, o = d + i * dp + j0, k = s + i + j0 * si; j < j1; j++, k += si) {
            b[o++] = a[k];
          }
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private static void row(Object src, int s, int ss, Object dst, int d, int ds, int n) {
    if (ss == 1 && ds == 1) {
      System.arraycopy(src, s, dst, d, n);
      return;
    }
    switch (src) {
      case float[] a -> {
        float[] b = (float[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
      case double[] a -> {
        double[] b = (double[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
      case int[] a -> {
        int[] b = (int[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
      case long[] a -> {
        long[] b = (long[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
      case boolean[] a -> {
        boolean[] b = (boolean[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
      case byte[] a -> {
        byte[] b = (byte[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
      default -> {
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          System.arraycopy(src, s, dst, d, 1);
        }
      }
    }
  }

  private static int[] append(int[] a, int v) {
    int[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = v;
    return r;
  }

  private static int[] times2(int[] a) {
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = 2 * a[i];
    }
    return r;
  }
}
