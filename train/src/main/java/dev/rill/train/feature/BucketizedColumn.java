package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.SparseTensor;
import java.util.Arrays;

/**
 * A numeric column cut into ranges, {@code tf.feature_column.bucketized_column}: bucket {@code i}
 * holds {@code boundaries[i-1] <= x < boundaries[i]}. As a dense column it is one-hot,
 * {@code [batch, dim * (boundaries + 1)]}; as a categorical column element {@code j} of the
 * source gives the id {@code bucket + j * (boundaries + 1)}.
 *
 * @param source the numeric column to cut
 * @param boundaries strictly increasing, float32 as TensorFlow keeps them
 */
public record BucketizedColumn(NumericColumn source, float[] boundaries)
    implements DenseColumn, CategoricalColumn {
  public BucketizedColumn {
    if (source == null) {
      throw new InvalidArgumentException("bucketized_column: source_column must be a "
          + "numeric_column");
    }
    if (boundaries == null || boundaries.length == 0) {
      throw new InvalidArgumentException("bucketized_column: boundaries must not be empty");
    }
    boundaries = boundaries.clone();
    FeatureOps.checkBoundaries(boundaries);
  }

  @Override
  public String name() {
    return source.name() + "_bucketized";
  }

  /** Buckets per source element: {@code boundaries.length + 1}. */
  public int bucketsPerElement() {
    return boundaries.length + 1;
  }

  @Override
  public int numBuckets() {
    return bucketsPerElement() * source.dimension();
  }

  @Override
  public int dimension() {
    return numBuckets();
  }

  /** The bucket of every source element, {@code [batch, source dim]}. */
  private int[] buckets(TransformCache cache) {
    return FeatureOps.bucketize(source.denseTensor(cache), boundaries).intData();
  }

  @Override
  public Tensor denseTensor(TransformCache cache) {
    return cache.dense(this, () -> {
      int[] b = buckets(cache);
      int per = bucketsPerElement();
      float[] out = new float[b.length * per];
      for (int i = 0; i < b.length; i++) {
        out[i * per + b[i]] = 1f;
      }
      int dim = source.dimension();
      return Tensor.wrap(DType.FLOAT32, Shape.of(b.length / dim, dim * per), out);
    });
  }

  @Override
  public IdWeightPair idWeightPair(TransformCache cache) {
    return cache.ids(this, () -> {
      int[] b = buckets(cache);
      int dim = source.dimension();
      int per = bucketsPerElement();
      long[] ids = new long[b.length];
      long[] idx = new long[2 * b.length];
      for (int i = 0; i < b.length; i++) {
        ids[i] = b[i] + (long) (i % dim) * per;
        idx[2 * i] = i / dim;
        idx[2 * i + 1] = i % dim;
      }
      return new IdWeightPair(new SparseTensor(Tensor.wrap(DType.INT64, Shape.of(b.length, 2),
          idx), Tensor.of(ids), Tensor.of((long) (b.length / dim), dim)), null);
    });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketizedColumn c && source.equals(c.source)
        && Arrays.equals(boundaries, c.boundaries);
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + Arrays.hashCode(boundaries);
  }

  @Override
  public String toString() {
    return "BucketizedColumn(" + source.name() + ", " + Arrays.toString(boundaries) + ")";
  }
}
