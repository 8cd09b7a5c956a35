package dev.rill.core.ops.array;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.Arrays;
import java.util.List;

/**
 * The k largest entries of each last-axis row ({@code TopKV2}) and whether a target class is among
 * them ({@code InTopKV2}). Equal values keep their order: the lower index comes first.
 *
 * {@snippet :
 * List<Tensor> top = ArrayOps.topK(Tensor.of(1f, 7f, 3f, 7f), 2);  // values [7, 7], indices [1, 3]
 * }
 */
public final class TopKDefs {
  private TopKDefs() {}

  /** How many entries to keep; results are always sorted (largest first). */
  public record TopKAttrs(int k, boolean sorted) {}

  public record InTopKAttrs(int k) {}

  private static final int GRAIN = 1 << 14;

  /** Outputs: values (the input's dtype) and their int32 indices in the row. */
  public static final OpDef<TopKAttrs> TOP_K = OpDef.of("TopKV2",
      (a, in) -> {
        TensorSpec x = in.get(0);
        Elementwise.requireDType("TopKV2", x.dtype(), Elementwise.REAL);
        Shape s = x.shape();
        if (s.rank() == 0) {
          throw InvalidArgumentException.of("TopKV2", "input must have rank >= 1, got a scalar");
        }
        if (a.k() < 0 || a.k() > s.dim(-1)) {
          throw InvalidArgumentException.of("TopKV2", "k = " + a.k() + " must be in [0, "
              + s.dim(-1) + "], the size of the last axis of the input of shape " + s);
        }
        Shape out = s.withDim(-1, a.k());
        return List.of(new TensorSpec(x.dtype(), out), new TensorSpec(DType.INT32, out));
      },
      (a, in, out) -> topK(in.get(0), a.k(), out.get(0).shape()),
      (n, dy) -> Arrays.asList(dy.get(0) == null ? null
          : topKGrad(dy.get(0), n.output(1), n.input(0).shape())));

  /** Inputs: predictions [batch, classes] (float32), targets [batch] (int32 or int64). */
  public static final OpDef<InTopKAttrs> IN_TOP_K = OpDef.of("InTopKV2",
      (a, in) -> {
        Shape p = in.get(0).shape();
        Shape t = in.get(1).shape();
        Elementwise.requireDType("InTopKV2", in.get(0).dtype(), Elementwise.FLOATS);
        Indices.requireIndexType("InTopKV2", "targets", in.get(1).dtype());
        if (p.rank() != 2 || t.rank() != 1 || t.dim(0) != p.dim(0)) {
          throw InvalidArgumentException.of("InTopKV2", "predictions must be [batch, classes] and "
              + "targets [batch], got " + p + " and " + t);
        }
        if (a.k() < 0) {
          throw InvalidArgumentException.of("InTopKV2", "k must be >= 0, got " + a.k());
        }
        return List.of(new TensorSpec(DType.BOOL, t));
      },
      (a, in, out) -> List.of(inTopK(in.get(0), in.get(1), a.k())),
      null);

  private static List<Tensor> topK(Tensor x, int k, Shape outShape) {
    int n = x.shape().dim(-1);
    int rows = n == 0 ? x.shape().size(0, x.rank() - 1) : x.size() / n;
    Object values = Tensor.allocate(x.dtype(), outShape.size());
    int[] indices = new int[outShape.size()];
    if (k > 0) {
      Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, n)), (from, to) -> {
        long[] keys = new long[n];
        boolean primitive = x.dtype() != DType.FLOAT64 && x.dtype() != DType.INT64;
        Integer[] boxed = primitive ? null : new Integer[n];
        for (int r = from; r < to; r++) {
          selectRow(x, r * n, n, k, indices, r * k, keys, boxed);
          for (int j = 0; j < k; j++) {
            System.arraycopy(x.data(), r * n + indices[r * k + j], values, r * k + j, 1);
          }
        }
      });
    }
    return List.of(Tensor.wrap(x.dtype(), outShape, values),
        Tensor.wrap(DType.INT32, outShape, indices));
  }

  /** Writes the positions of the k largest of x[off, off + n) to out[at, at + k). */
  private static void selectRow(Tensor x, int off, int n, int k, int[] out, int at, long[] keys,
      Integer[] boxed) {
    switch (x.data()) {
      case float[] f -> {
        for (int i = 0; i < n; i++) {
          float v = f[off + i] == 0f ? 0f : f[off + i]; // -0 and +0 tie
          int bits = Float.floatToIntBits(v);
          int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
          keys[i] = ((long) ~sortable << 32) | i;
        }
        sortKeys(keys, n, k, out, at);
      }
      case int[] d -> {
        for (int i = 0; i < n; i++) {
          keys[i] = ((long) ~d[off + i] << 32) | i;
        }
        sortKeys(keys, n, k, out, at);
      }
      case byte[] d -> {
        for (int i = 0; i < n; i++) {
          keys[i] = ((long) ~(d[off + i] & 0xff) << 32) | i;
        }
        sortKeys(keys, n, k, out, at);
      }
      default -> {
        for (int i = 0; i < n; i++) {
          boxed[i] = i;
        }
        Arrays.sort(boxed, 0, n, (p, q) -> {
          int c = compareDesc(x, off + p, off + q);
          return c != 0 ? c : Integer.compare(p, q);
        });
        for (int j = 0; j < k; j++) {
          out[at + j] = boxed[j];
        }
      }
    }
  }

  /** Keys sort as (value descending, index ascending); the low 32 bits hold the index. */
  private static void sortKeys(long[] keys, int n, int k, int[] out, int at) {
    if (k * 8 <= n) {
      smallestKeys(keys, n, k, out, at);
      return;
    }
    Arrays.sort(keys, 0, n);
    for (int j = 0; j < k; j++) {
      out[at + j] = (int) keys[j];
    }
  }

  /** For k much smaller than n: one pass keeping the k smallest keys in a sorted buffer. */
  private static void smallestKeys(long[] keys, int n, int k, int[] out, int at) {
    long[] best = new long[k];
    int filled = 0;
    for (int i = 0; i < n; i++) {
      long key = keys[i];
      if (filled == k && key >= best[k - 1]) {
        continue;
      }
      int j = filled == k ? k - 1 : filled++;
      for (; j > 0 && best[j - 1] > key; j--) {
        best[j] = best[j - 1];
      }
      best[j] = key;
    }
    for (int j = 0; j < k; j++) {
      out[at + j] = (int) best[j];
    }
  }

  private static int compareDesc(Tensor x, int p, int q) {
    if (x.dtype() == DType.INT64) {
      return Long.compare(x.longData()[q], x.longData()[p]);
    }
    double a = x.getDouble(p);
    double b = x.getDouble(q);
    return a == b ? 0 : Double.compare(b, a);
  }

  /** Scatters dy back to the input positions its values came from. */
  private static Tensor topKGrad(Tensor dy, Tensor indices, Shape in) {
    int n = in.dim(-1);
    int k = indices.shape().dim(-1);
    int rows = in.size(0, in.rank() - 1);
    Tensor rowStart = ArrayOps.reshape(ArrayOps.range(0, rows * n, Math.max(1, n)), rows, 1);
    Tensor flat = ArrayOps.reshape(MathOps.add(ArrayOps.reshape(indices, rows, k), rowStart), -1);
    Tensor g = ArrayOps.unsortedSegmentSum(ArrayOps.reshape(dy, -1), flat, rows * n);
    return ArrayOps.reshape(g, in.dims());
  }

  private static Tensor inTopK(Tensor predictions, Tensor targets, int k) {
    int batch = predictions.shape().dim(0);
    int classes = predictions.shape().dim(1);
    boolean[] out = new boolean[batch];
    for (int b = 0; b < batch; b++) {
      long t = Indices.at(targets, b);
      int row = b * classes;
      if (t < 0 || t >= classes || !Double.isFinite(predictions.getDouble(row + (int) t))) {
        continue;
      }
      double target = predictions.getDouble(row + (int) t);
      int greater = 0;
      boolean finite = true;
      for (int c = 0; c < classes; c++) {
        double p = predictions.getDouble(row + c);
        if (!Double.isFinite(p)) {
          finite = false;
          break;
        }
        if (p > target) {
          greater++;
        }
      }
      out[b] = finite && greater < k;
    }
    return Tensor.wrap(DType.BOOL, Shape.of(batch), out);
  }
}
