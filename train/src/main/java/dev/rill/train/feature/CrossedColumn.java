package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The hashed cross of several features, {@code tf.feature_column.crossed_column}: each
 * combination of one value per key becomes one id by {@link FeatureOps#sparseCrossHashed} with
 * {@code hashKey} (TensorFlow's default {@link FeatureOps#DEFAULT_HASH_KEY}), so ids equal
 * TensorFlow's. A key is a raw feature name (strings or integers, dense or sparse) or a
 * categorical column (its ids are crossed, its weights ignored); a crossed key is flattened into
 * its own keys. Hash bucket columns are refused, as in TensorFlow: hash the raw feature instead.
 *
 * @param keys {@link String} feature names and {@link CategoricalColumn}s, at least two
 * @param hashBucketSize the number of ids
 * @param hashKey the initial hash value
 */
public record CrossedColumn(List<Object> keys, int hashBucketSize, long hashKey)
    implements CategoricalColumn {
  public CrossedColumn {
    keys = List.copyOf(keys);
    if (keys.size() < 2) {
      throw new InvalidArgumentException("crossed_column: keys must have at least two "
          + "elements, got " + keys);
    }
    for (Object k : keys) {
      if (k instanceof HashBucketColumn h) {
        throw new InvalidArgumentException("crossed_column: categorical_column_with_hash_bucket "
            + "is not supported for crossing (hashing before crossing increases collisions); "
            + "use the feature name '" + h.key() + "' as a string");
      }
      if (!(k instanceof String) && !(k instanceof CategoricalColumn)) {
        throw new InvalidArgumentException("crossed_column: keys must be feature names or "
            + "categorical columns, got " + k);
      }
    }
    if (hashBucketSize < 1) {
      throw new InvalidArgumentException("crossed_column: hash_bucket_size must be > 1, got "
          + hashBucketSize);
    }
  }

  /** The leaf keys, with nested crosses flattened, in order. */
  public List<Object> leafKeys() {
    List<Object> out = new ArrayList<>();
    for (Object k : keys) {
      if (k instanceof CrossedColumn c) {
        out.addAll(c.leafKeys());
      } else {
        out.add(k);
      }
    }
    return out;
  }

  /** The leaf names, sorted, joined by {@code _X_}. */
  @Override
  public String name() {
    return String.join("_X_", leafKeys().stream()
        .map(k -> k instanceof String s ? s : ((FeatureColumn) k).name()).sorted().toList());
  }

  @Override
  public int numBuckets() {
    return hashBucketSize;
  }

  @Override
  public IdWeightPair idWeightPair(TransformCache cache) {
    return cache.ids(this, () -> {
      List<Object> inputs = new ArrayList<>();
      Features f = cache.features();
      for (Object k : leafKeys()) {
        if (k instanceof String s) {
          if (f.isSparse(s)) {
            inputs.add(SparseIds.to2d(f.sparse(s)));
          } else {
            Tensor d = f.dense(s);
            inputs.add(d.dtype() == DType.INT32 ? d.cast(DType.INT64) : d);
          }
        } else {
          inputs.add(((CategoricalColumn) k).idWeightPair(cache).ids());
        }
      }
      return new IdWeightPair(FeatureOps.sparseCrossHashed(inputs, hashBucketSize, hashKey),
          null);
    });
  }
}
