package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.SparseTensor;

/**
 * Ids by hashing, {@code categorical_column_with_hash_bucket}: a string's id is
 * {@code Fingerprint64(utf8) mod hashBucketSize} ({@code StringToHashBucketFast}); an integer is
 * hashed as its decimal string. Dense input drops "" and -1 first.
 *
 * @param key the feature's name (and the column's)
 * @param hashBucketSize the number of buckets
 * @param dtype the feature's type: STRING, or INT64 for integers (also accepts int32 input)
 */
public record HashBucketColumn(String key, int hashBucketSize, DType dtype)
    implements CategoricalColumn {
  public HashBucketColumn {
    if (dtype != DType.STRING && dtype != DType.INT64) {
      throw new InvalidArgumentException("categorical_column_with_hash_bucket '" + key
          + "': dtype must be string or int64, got " + dtype);
    }
    if (key == null || key.isEmpty()) {
      throw new InvalidArgumentException("categorical_column_with_hash_bucket: key must not be "
          + "empty");
    }
    if (hashBucketSize < 1) {
      throw new InvalidArgumentException("categorical_column_with_hash_bucket '" + key
          + "': hash_bucket_size must be at least 1, got " + hashBucketSize);
    }
  }

  @Override
  public String name() {
    return key;
  }

  @Override
  public int numBuckets() {
    return hashBucketSize;
  }

  @Override
  public IdWeightPair idWeightPair(TransformCache cache) {
    return cache.ids(this, () -> {
      SparseTensor in = SparseIds.feature(cache.features(), key);
      Tensor strings = in.values();
      if ((strings.dtype() == DType.STRING) != (dtype == DType.STRING)) {
        throw new InvalidArgumentException("categorical_column_with_hash_bucket '" + key
            + "': the column is " + dtype + ", the feature is " + strings.dtype());
      }
      if (strings.dtype() != DType.STRING) {
        long[] v = SparseIds.longValues(strings, key);
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
          s[i] = Long.toString(v[i]);
        }
        strings = Tensor.ofStrings(Shape.of(s.length), s);
      }
      Tensor ids = FeatureOps.stringToHashBucketFast(strings, hashBucketSize);
      return new IdWeightPair(SparseIds.withValues(in, ids), null);
    });
  }
}
