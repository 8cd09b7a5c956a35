package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.Scope;
import dev.rill.nn.init.Initializer;
import dev.rill.nn.init.Initializers;

/**
 * A categorical column as a learned dense vector, {@code tf.feature_column.embedding_column}:
 * a table {@code <prefix>/<name>/embedding_weights} of shape {@code [numBuckets, dimension]}
 * (initialized truncated normal with stddev {@code 1/sqrt(dimension)} unless given), whose rows
 * for an example's ids are combined by {@code combiner} (mean by default). Negative ids and ids
 * with weight {@code <= 0} are skipped; an example without ids gets zeros. While a tape records,
 * the looked-up rows are registered with {@link SparseGradients} so the table gets a row gradient.
 *
 * @param categorical the id column
 * @param dimension the vector width
 * @param combiner how one example's rows are combined
 * @param initializer of the table
 */
public record EmbeddingColumn(CategoricalColumn categorical, int dimension, Combiner combiner,
    Initializer initializer) implements DenseColumn {
  public EmbeddingColumn {
    if (categorical == null) {
      throw new InvalidArgumentException("embedding_column: categorical_column is required");
    }
    if (dimension < 1) {
      throw new InvalidArgumentException("embedding_column '" + categorical.name()
          + "': invalid dimension " + dimension);
    }
    if (combiner == null) {
      combiner = Combiner.MEAN;
    }
    if (initializer == null) {
      initializer = Initializers.truncatedNormal(0, 1 / Math.sqrt(dimension));
    }
  }

  @Override
  public String name() {
    return categorical.name() + "_embedding";
  }

  /** The table in the current scope's store, created the first time. */
  public Variable table(String prefix) {
    Shape shape = Shape.of(categorical.numBuckets(), dimension);
    Initializer init = initializer;
    return Scope.current().store().getOrCreate(prefix + "/" + name() + "/embedding_weights",
        shape, DType.FLOAT32, () -> init.apply(shape, DType.FLOAT32), true);
  }

  @Override
  public Tensor denseTensor(TransformCache cache) {
    return cache.dense(this, () -> SparseLookup.combine(table(cache.prefix()),
        categorical.idWeightPair(cache), combiner, name()));
  }
}
