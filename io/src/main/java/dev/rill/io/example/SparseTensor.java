package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse tensor in TensorFlow's coordinate form: the {@code N} stored values, their positions,
 * and the shape of the dense tensor they belong to ({@code tf.sparse.SparseTensor}). What
 * {@link VarLenFeature}s parse into.
 *
 * {@snippet :
 * SparseTensor ink = parsed.sparse("ink");   // indices [N, 2] = (record, position)
 * Tensor dense = ink.toDense();               // [batch, max length], padded with 0
 * }
 *
 * @param indices int64 {@code [N, rank]}, the position of each value, in row-major order
 * @param values {@code [N]}, the values
 * @param denseShape int64 {@code [rank]}, the shape of the dense tensor
 */
public record SparseTensor(Tensor indices, Tensor values, Tensor denseShape) {
  public SparseTensor {
    Objects.requireNonNull(indices, "indices");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(denseShape, "denseShape");
    if (indices.dtype() != DType.INT64 || indices.rank() != 2) {
      throw new IllegalArgumentException("indices must be int64 [N, rank], got " + indices.spec());
    }
    if (denseShape.dtype() != DType.INT64 || denseShape.rank() != 1
        || denseShape.size() != indices.shape().dim(1)) {
      throw new IllegalArgumentException("denseShape must be int64 [rank] with rank "
          + indices.shape().dim(1) + ", got " + denseShape.spec());
    }
    if (values.rank() != 1 || values.size() != indices.shape().dim(0)) {
      throw new IllegalArgumentException("values must be [" + indices.shape().dim(0) + "], got "
          + values.spec());
    }
  }

  /** Rank of the dense tensor. */
  public int rank() {
    return denseShape.size();
  }

  /** Number of stored values. */
  public int size() {
    return values.size();
  }

  /** The dense shape as a {@link Shape}. */
  public Shape shape() {
    long[] d = denseShape.longData();
    int[] dims = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = Math.toIntExact(d[i]);
    }
    return Shape.of(dims);
  }

  /** The dense tensor, with 0 (or "") where no value is stored. */
  public Tensor toDense() {
    return toDense(null);
  }

  /**
   * The dense tensor, with {@code fill} (a scalar of the values' dtype, or null for 0 / "") where
   * no value is stored.
   */
  public Tensor toDense(Tensor fill) {
    Shape shape = shape();
    int n = shape.size();
    DType dtype = values.dtype();
    Object out = Tensor.allocate(dtype, n);
    if (fill != null) {
      if (fill.dtype() != dtype || fill.size() != 1) {
        throw new IllegalArgumentException("fill must be one " + dtype + " value");
      }
      for (int i = 0; i < n; i++) {
        System.arraycopy(fill.data(), 0, out, i, 1);
      }
    }
    long[] idx = indices.longData();
    int[] strides = shape.strides();
    int r = rank();
    for (int k = 0; k < size(); k++) {
      long flat = 0;
      for (int j = 0; j < r; j++) {
        long c = idx[k * r + j];
        if (c < 0 || c >= shape.dim(j)) {
          throw new IllegalArgumentException("index " + Arrays.toString(
              Arrays.copyOfRange(idx, k * r, k * r + r)) + " is outside " + shape);
        }
        flat += c * strides[j];
      }
      System.arraycopy(values.data(), k, out, (int) flat, 1);
    }
    return Tensor.wrap(dtype, shape, out);
  }

  /** Equal indices, values and dense shape (element by element). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SparseTensor s && s.indices.contentEquals(indices)
        && s.values.contentEquals(values) && s.denseShape.contentEquals(denseShape);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(denseShape.longData()) * 31 + values.size();
  }

  @Override
  public String toString() {
    return "SparseTensor{indices=" + indices + ", values=" + values + ", denseShape="
        + Arrays.toString(denseShape.longData()) + "}";
  }
}
