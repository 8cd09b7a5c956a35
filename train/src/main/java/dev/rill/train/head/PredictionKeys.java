package dev.rill.train.head;

/** The names heads give their predictions, as {@code tf.estimator}'s {@code PredictionKeys}. */
public final class PredictionKeys {
  public static final String LOGITS = "logits";
  /** Sigmoid of a binary head's logit. */
  public static final String LOGISTIC = "logistic";
  public static final String PROBABILITIES = "probabilities";
  /** The predicted class index, int64 {@code [batch, 1]}. */
  public static final String CLASS_IDS = "class_ids";
  /** The predicted class as a string {@code [batch, 1]}. */
  public static final String CLASSES = "classes";
  /** A regression head's prediction. */
  public static final String PREDICTIONS = "predictions";

  private PredictionKeys() {}
}
