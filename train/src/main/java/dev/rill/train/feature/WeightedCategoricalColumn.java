package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.io.example.SparseTensor;

/**
 * A categorical column whose ids carry weights from another feature,
 * {@code tf.feature_column.weighted_categorical_column}: the weight feature holds one float per
 * id at the same positions (dense weights drop 0.0 first, as TensorFlow does). Indicator columns
 * then add weights instead of counting, embeddings and linear models scale each row by its weight.
 *
 * @param categorical the id column
 * @param weightKey the name of the weight feature
 */
public record WeightedCategoricalColumn(CategoricalColumn categorical, String weightKey)
    implements CategoricalColumn {
  public WeightedCategoricalColumn {
    if (categorical == null || weightKey == null || weightKey.isEmpty()) {
      throw new InvalidArgumentException("weighted_categorical_column: a categorical column and "
          + "a weight feature key are required");
    }
  }

  @Override
  public String name() {
    return categorical.name() + "_weighted_by_" + weightKey;
  }

  @Override
  public int numBuckets() {
    return categorical.numBuckets();
  }

  @Override
  public IdWeightPair idWeightPair(TransformCache cache) {
    return cache.ids(this, () -> {
      IdWeightPair ids = categorical.idWeightPair(cache);
      Features f = cache.features();
      SparseTensor w = f.isSparse(weightKey) ? SparseIds.to2d(f.sparse(weightKey))
          : SparseIds.fromDense(f.dense(weightKey), true);
      if (!w.values().dtype().isFloating()) {
        if (!w.values().dtype().isNumeric()) {
          throw new InvalidArgumentException("weighted_categorical_column '" + name()
              + "': weights must be numbers, got " + w.values().dtype());
        }
      }
      if (w.values().dtype() != DType.FLOAT32) {
        w = SparseIds.withValues(w, w.values().cast(DType.FLOAT32));
      }
      if (!java.util.Arrays.equals(w.indices().longData(), ids.ids().indices().longData())) {
        throw new InvalidArgumentException("weighted_categorical_column '" + name()
            + "': the weights of '" + weightKey + "' (" + w.size()
            + " values) are not at the same positions as the ids (" + ids.ids().size() + ")");
      }
      return new IdWeightPair(ids.ids(), w);
    });
  }
}
