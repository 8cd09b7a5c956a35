package dev.rill.core.ops.array;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;

/** Checks shared by ops that take axes, permutations and integer index tensors. */
final class Indices {
  private Indices() {}

  /** Throws unless {@code dtype} is int32 or int64. */
  static void requireIndexType(String op, String what, DType dtype) {
    if (dtype != DType.INT32 && dtype != DType.INT64) {
      throw InvalidArgumentException.of(op, what + " must be int32 or int64, got " + dtype);
    }
  }

  /** An axis in {@code [-rank, rank)} mapped to {@code [0, rank)}, or an error naming the op. */
  static int axis(String op, int axis, int rank, Shape shape) {
    if (axis < -rank || axis >= rank) {
      throw InvalidArgumentException.of(op, "axis " + axis + " is out of range [" + (-rank) + ", "
          + rank + ") for input of shape " + shape);
    }
    return axis < 0 ? axis + rank : axis;
  }

  /** The index at flat position {@code i} of an int32 or int64 tensor. */
  static long at(Tensor indices, int i) {
    return indices.dtype() == DType.INT64 ? indices.longData()[i] : indices.intData()[i];
  }

  /**
   * The values of an int32 or int64 index tensor, each checked to lie in {@code [0, limit)}; the
   * error names the first bad index, its position and the valid range.
   */
  static int[] checked(String op, Tensor indices, int limit) {
    int n = indices.size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      long v = at(indices, i);
      if (v < 0 || v >= limit) {
        throw InvalidArgumentException.of(op, "indices" + position(indices.shape(), i) + " = " + v
            + " is not in [0, " + limit + ")");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** A flat position written as a multi-index, e.g. {@code [1,2]}. */
  static String position(Shape shape, int flat) {
    int rank = shape.rank();
    if (rank == 0) {
      return "";
    }
    int[] idx = new int[rank];
    for (int d = rank - 1; d >= 0; d--) {
      int dim = shape.dim(d);
      idx[d] = flat % dim;
      flat /= dim;
    }
    return Arrays.toString(idx).replace(" ", "");
  }

  /** An int[] attribute that must have exactly {@code n} entries. */
  static void requireLength(String op, String what, int[] values, int n, Shape shape) {
    if (values.length != n) {
      throw InvalidArgumentException.of(op, what + " " + Arrays.toString(values) + " must have "
          + n + " entries, one per dimension of the input of shape " + shape);
    }
  }
}
