package dev.rill.train.feature;

import dev.rill.core.Tensor;

/**
 * A column that gives a dense float32 {@code [batch, dimension]} tensor per batch (numeric,
 * bucketized as one-hot, indicator, embedding): what {@link FeatureColumns#inputLayer}
 * concatenates.
 */
public interface DenseColumn extends FeatureColumn {
  /** The width of the column's tensor. */
  int dimension();

  /**
   * The column's {@code [batch, dimension()]} float32 tensor for the batch in {@code cache};
   * columns with variables (embeddings) create them under {@code cache.prefix()} in the current
   * scope's store.
   */
  Tensor denseTensor(TransformCache cache);
}
