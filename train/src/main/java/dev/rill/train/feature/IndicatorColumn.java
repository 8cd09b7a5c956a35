package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;

/**
 * A categorical column as a multi-hot vector, {@code tf.feature_column.indicator_column}:
 * {@code [batch, numBuckets]} where entry {@code i} counts how often id {@code i} occurs in the
 * example (so duplicates count twice, as TensorFlow's sum of one-hots does), or sums the weights
 * of a weighted column. Ids outside {@code [0, numBuckets)} contribute nothing.
 *
 * @param categorical the id column
 */
public record IndicatorColumn(CategoricalColumn categorical) implements DenseColumn {
  public IndicatorColumn {
    if (categorical == null) {
      throw new InvalidArgumentException("indicator_column: categorical_column is required");
    }
  }

  @Override
  public String name() {
    return categorical.name() + "_indicator";
  }

  @Override
  public int dimension() {
    return categorical.numBuckets();
  }

  @Override
  public Tensor denseTensor(TransformCache cache) {
    return cache.dense(this, () -> {
      IdWeightPair p = categorical.idWeightPair(cache);
      int batch = p.batch();
      int size = dimension();
      long[] ids = p.ids().values().longData();
      int[] rows = SparseIds.rows(p.ids());
      float[] w = p.weights() == null ? null : p.weights().values().floatData();
      float[] out = new float[batch * size];
      for (int k = 0; k < ids.length; k++) {
        if (ids[k] >= 0 && ids[k] < size) {
          out[rows[k] * size + (int) ids[k]] += w == null ? 1f : w[k];
        }
      }
      return Tensor.wrap(DType.FLOAT32, Shape.of(batch, size), out);
    });
  }
}
