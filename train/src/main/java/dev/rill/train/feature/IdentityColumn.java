package dev.rill.train.feature;

import dev.rill.core.InvalidArgumentException;
import dev.rill.io.example.SparseTensor;

/**
 * Integer features that are their own ids, {@code categorical_column_with_identity}: values in
 * {@code [0, numBuckets)} pass through; others become {@code defaultValue}, or are an error when
 * there is none. Dense input drops -1 first.
 *
 * @param key the feature's name (and the column's)
 * @param numBuckets the id range
 * @param defaultValue the id for out-of-range values, or null to reject them
 */
public record IdentityColumn(String key, int numBuckets, Long defaultValue)
    implements CategoricalColumn {
  public IdentityColumn {
    if (key == null || key.isEmpty()) {
      throw new InvalidArgumentException("categorical_column_with_identity: key must not be empty");
    }
    if (numBuckets < 1) {
      throw new InvalidArgumentException("categorical_column_with_identity '" + key
          + "': num_buckets must be >= 1, got " + numBuckets);
    }
    if (defaultValue != null && (defaultValue < 0 || defaultValue >= numBuckets)) {
      throw new InvalidArgumentException("categorical_column_with_identity '" + key
          + "': default_value " + defaultValue + " not in range [0, " + numBuckets + ")");
    }
  }

  @Override
  public String name() {
    return key;
  }

  @Override
  public IdWeightPair idWeightPair(TransformCache cache) {
    return cache.ids(this, () -> {
      SparseTensor in = SparseIds.feature(cache.features(), key);
      long[] v = SparseIds.longValues(in.values(), key);
      long[] ids = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        if (v[i] >= 0 && v[i] < numBuckets) {
          ids[i] = v[i];
        } else if (defaultValue != null) {
          ids[i] = defaultValue;
        } else {
          throw new InvalidArgumentException("categorical_column_with_identity '" + key
              + "': id " + v[i] + " at entry " + i + " is not in [0, " + numBuckets
              + ") and there is no default_value");
        }
      }
      return new IdWeightPair(SparseIds.ids(in, ids), null);
    });
  }
}
