package dev.rill.train.feature;

/**
 * A column that gives sparse int64 ids in {@code [0, numBuckets())} per example (with optional
 * per-id weights): vocabulary, identity, hash bucket, bucketized, crossed and weighted columns.
 * A negative id means "no id" and is skipped by the consumers, as TensorFlow's safe lookups do.
 */
public interface CategoricalColumn extends FeatureColumn {
  /** How many distinct ids there can be: the rows of a weight or embedding table. */
  int numBuckets();

  /** The ids (2-D, int64) and weights (null, or float32 at the same positions) of the batch. */
  IdWeightPair idWeightPair(TransformCache cache);
}
