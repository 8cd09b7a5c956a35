package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.SparseTensor;

/**
 * Package helpers on 2-D sparse tensors: making them from dense features (dropping TensorFlow's
 * ignore values), flattening higher ranks, reading the example of each entry.
 */
final class SparseIds {
  private SparseIds() {}

  /** Rank-1 dense becomes [batch, 1]; rank > 2 becomes [batch, rest]. */
  static Tensor as2d(Tensor dense) {
    if (dense.rank() == 0) {
      throw new InvalidArgumentException("a feature must have a batch axis, got a scalar");
    }
    if (dense.rank() == 2) {
      return dense;
    }
    int batch = dense.shape().dim(0);
    int rest = batch == 0 ? 0 : dense.size() / batch;
    return Tensor.wrap(dense.dtype(), Shape.of(batch, dense.rank() == 1 ? 1 : rest), dense.data());
  }

  /**
   * The feature {@code key} as a 2-D sparse tensor. A dense feature becomes sparse without its
   * ignore values ("" for strings, -1 for integers), as TensorFlow's categorical columns do.
   */
  static SparseTensor feature(Features features, String key) {
    if (features.isSparse(key)) {
      return to2d(features.sparse(key));
    }
    return fromDense(features.dense(key), true);
  }

  /** Dense to sparse, keeping every value or dropping the ignore values. */
  static SparseTensor fromDense(Tensor dense, boolean dropIgnored) {
    Tensor d = as2d(dense);
    int batch = d.shape().dim(0);
    int width = d.shape().dim(1);
    boolean[] keep = new boolean[d.size()];
    int n = 0;
    for (int i = 0; i < keep.length; i++) {
      keep[i] = !dropIgnored || !isIgnored(d, i);
      n += keep[i] ? 1 : 0;
    }
    long[] idx = new long[2 * n];
    int[] src = new int[n];
    int k = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        idx[2 * k] = i / width;
        idx[2 * k + 1] = i % width;
        src[k++] = i;
      }
    }
    Tensor values = select(d, src);
    return new SparseTensor(Tensor.wrap(DType.INT64, Shape.of(n, 2), idx), values,
        Tensor.of((long) batch, width));
  }

  private static boolean isIgnored(Tensor d, int i) {
    return switch (d.dtype()) {
      case STRING -> d.stringData()[i].length == 0;
      case INT64 -> d.longData()[i] == -1;
      case INT32 -> d.intData()[i] == -1;
      case FLOAT32 -> d.floatData()[i] == 0f;
      case FLOAT64 -> d.doubleData()[i] == 0d;
      default -> false;
    };
  }

  /** Entries {@code src} of a flat tensor, as a vector. */
  static Tensor select(Tensor d, int[] src) {
    int n = src.length;
    Object out = Tensor.allocate(d.dtype(), n);
    Object in = d.data();
    for (int k = 0; k < n; k++) {
      System.arraycopy(in, src[k], out, k, 1);
    }
    return Tensor.wrap(d.dtype(), Shape.of(n), out);
  }

  /** Rank 1 becomes [batch, 1] (entry i at (i, 0)); rank > 2 is flattened to [batch, rest]. */
  static SparseTensor to2d(SparseTensor s) {
    int r = s.rank();
    if (r == 2) {
      return s;
    }
    if (r < 1) {
      throw new InvalidArgumentException("a sparse feature must have rank >= 1");
    }
    long[] shape = s.denseShape().longData();
    long[] idx = s.indices().longData();
    int n = s.size();
    long[] out = new long[2 * n];
    long width = 1;
    for (int j = 1; j < r; j++) {
      width *= shape[j];
    }
    for (int k = 0; k < n; k++) {
      out[2 * k] = idx[k * r];
      long flat = 0;
      for (int j = 1; j < r; j++) {
        flat = flat * shape[j] + idx[k * r + j];
      }
      out[2 * k + 1] = flat;
    }
    return new SparseTensor(Tensor.wrap(DType.INT64, Shape.of(n, 2), out), s.values(),
        Tensor.of(shape[0], width));
  }

  /** The example (row) of each entry of a 2-D sparse tensor. */
  static int[] rows(SparseTensor s) {
    long[] idx = s.indices().longData();
    int[] rows = new int[s.size()];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = Math.toIntExact(idx[2 * k]);
    }
    return rows;
  }

  /** The batch size of a 2-D sparse tensor. */
  static int batch(SparseTensor s) {
    return Math.toIntExact(s.denseShape().longData()[0]);
  }

  /** The same positions with new values. */
  static SparseTensor withValues(SparseTensor s, Tensor values) {
    return new SparseTensor(s.indices(), values, s.denseShape());
  }

  /** An int64 sparse tensor of ids at the given entries of {@code s}. */
  static SparseTensor ids(SparseTensor s, long[] ids) {
    return withValues(s, Tensor.of(ids));
  }

  /** Integer values as longs (int32 or int64); an error naming the column otherwise. */
  static long[] longValues(Tensor values, String column) {
    return switch (values.dtype()) {
      case INT64 -> values.longData();
      case INT32 -> {
        int[] v = values.intData();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          out[i] = v[i];
        }
        yield out;
      }
      default -> throw new InvalidArgumentException("column '" + column
          + "' needs integer input, got " + values.dtype());
    };
  }
}
