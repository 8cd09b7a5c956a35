package dev.rill.nn.losses;

/**
 * How {@link Losses} turns weighted per-element losses into the result
 * ({@code tf.compat.v1.losses.Reduction}). With {@code w} the weights broadcast to the losses
 * {@code l}:
 *
 * <ul>
 *   <li>{@code NONE}: {@code w * l}, unreduced;
 *   <li>{@code SUM}: {@code sum(w * l)};
 *   <li>{@code MEAN}: {@code sum(w * l) / sum(w)};
 *   <li>{@code SUM_OVER_BATCH_SIZE}: {@code sum(w * l) / number of elements of l};
 *   <li>{@code SUM_BY_NONZERO_WEIGHTS} (the default): {@code sum(w * l) / count(w != 0)}.
 * </ul>
 *
 * A zero denominator gives 0, as TensorFlow's {@code div_no_nan}.
 *
 * {@snippet :
 * Tensor loss = Losses.meanSquaredError(labels, predictions, weights, Reduction.MEAN);
 * }
 */
public enum Reduction {
  NONE,
  SUM,
  MEAN,
  SUM_OVER_BATCH_SIZE,
  SUM_BY_NONZERO_WEIGHTS;

  /** The reduction tf.losses functions use unless told otherwise. */
  public static final Reduction DEFAULT = SUM_BY_NONZERO_WEIGHTS;
}
