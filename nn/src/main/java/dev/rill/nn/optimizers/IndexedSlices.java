package dev.rill.nn.optimizers;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gradient that touches only some rows of a variable, TensorFlow's {@code IndexedSlices}: row
 * {@code indices[i]} of the dense gradient is {@code values[i]} (duplicates add up), every other
 * row is zero. Optimizers given one update only those rows where TensorFlow does.
 *
 * {@snippet :
 * Tensor rows = ArrayOps.embeddingLookup(table.value(), ids);       // [batch, dim]
 * // ... loss from rows; gradient of the loss with respect to the looked-up rows:
 * Tensor dRows = tape.gradient(loss, rows);
 * IndexedSlices g = IndexedSlices.fromGather(dRows, ids, table.shape());
 * optimizer.applyGradients(List.of(new GradAndVar(g, table)), null);
 * }
 *
 * @param values rows, of shape {@code [k] + denseShape[1:]}
 * @param indices int32 or int64 row numbers, of shape {@code [k]}
 * @param denseShape the shape of the variable
 */
public record IndexedSlices(Tensor values, Tensor indices, Shape denseShape) {
  public IndexedSlices {
    if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
      throw new InvalidArgumentException("IndexedSlices: indices must be int32 or int64, got "
          + indices.dtype());
    }
    if (indices.rank() != 1 || denseShape.rank() < 1) {
      throw new InvalidArgumentException("IndexedSlices: indices must be a vector and the dense "
          + "shape at least a vector, got indices " + indices.shape() + ", dense " + denseShape);
    }
    Shape expected = Shape.of(indices.size()).append(denseShape.sub(1, denseShape.rank()).dims());
    if (!values.shape().equals(expected)) {
      throw new InvalidArgumentException("IndexedSlices: values of shape " + values.shape()
          + " do not fit indices " + indices.shape() + " into dense shape " + denseShape
          + " (expected " + expected + ")");
    }
  }

  /**
   * The row gradient of a {@code gather(params, ids, 0)} / embedding lookup, from the gradient of
   * its output (shape {@code ids.shape + params.shape[1:]}).
   */
  public static IndexedSlices fromGather(Tensor outputGradient, Tensor ids, Shape paramsShape) {
    Tensor flatIds = ArrayOps.reshape(ids, ids.size());
    int[] rowShape = Shape.of(ids.size()).append(paramsShape.sub(1, paramsShape.rank()).dims())
        .dims();
    return new IndexedSlices(ArrayOps.reshape(outputGradient, rowShape), flatIds, paramsShape);
  }

  /** The row numbers as ints, checked to lie in {@code [0, denseShape[0])}. */
  int[] rows(String op) {
    int n = denseShape.dim(0);
    int[] rows = new int[indices.size()];
    for (int i = 0; i < rows.length; i++) {
      long r = indices.dtype() == DType.INT32 ? indices.intData()[i] : indices.longData()[i];
      if (r < 0 || r >= n) {
        throw new InvalidArgumentException(op + ": index " + r + " at position " + i
            + " is not in [0, " + n + ")");
      }
      rows[i] = (int) r;
    }
    return rows;
  }

  /** Elements per row. */
  public int rowSize() {
    return denseShape.size(1, denseShape.rank());
  }

  /**
   * The same gradient with each row once (duplicates summed, first-occurrence order, int32
   * indices), as TF's optimizers see it before a sparse update.
   */
  IndexedSlices deduplicate(String op) {
    int[] rows = rows(op);
    Map<Integer, Integer> slot = new LinkedHashMap<>();
    for (int r : rows) {
      slot.putIfAbsent(r, slot.size());
    }
    if (slot.size() == rows.length && indices.dtype() == DType.INT32) {
      return this;
    }
    int k = slot.size();
    int len = rowSize();
    int[] unique = new int[k];
    slot.forEach((r, i) -> unique[i] = r);
    Shape shape = Shape.of(k).append(denseShape.sub(1, denseShape.rank()).dims());
    Tensor summed = switch (values.dtype()) {
      case FLOAT32 -> {
        float[] src = values.floatData();
        float[] out = new float[k * len];
        for (int i = 0; i < rows.length; i++) {
          int o = slot.get(rows[i]) * len;
          for (int j = 0; j < len; j++) {
            out[o + j] += src[i * len + j];
          }
        }
        yield Tensor.wrap(DType.FLOAT32, shape, out);
      }
      case FLOAT64 -> {
        double[] src = values.doubleData();
        double[] out = new double[k * len];
        for (int i = 0; i < rows.length; i++) {
          int o = slot.get(rows[i]) * len;
          for (int j = 0; j < len; j++) {
            out[o + j] += src[i * len + j];
          }
        }
        yield Tensor.wrap(DType.FLOAT64, shape, out);
      }
      default -> throw new InvalidArgumentException(op + ": sparse gradient values must be "
          + "float32 or float64, got " + values.dtype());
    };
    return new IndexedSlices(summed, Tensor.of(unique), denseShape);
  }

  /** The dense gradient: zeros with the rows added in. */
  public Tensor toDense() {
    return ArrayOps.unsortedSegmentSum(values, indices, denseShape.dim(0));
  }
}
