package dev.rill.train.feature;

/**
 * How the rows of one example's ids become one vector ({@code combiner} of
 * {@code embedding_column}, {@code sparse_combiner} of {@code linear_model}), each row scaled by
 * its id's weight {@code w} (1 when unweighted).
 */
public enum Combiner {
  /** {@code sum(w * row)}. */
  SUM,
  /** {@code sum(w * row) / sum(w)}: the embedding column's default. */
  MEAN,
  /** {@code sum(w * row) / sqrt(sum(w^2))}. */
  SQRTN
}
