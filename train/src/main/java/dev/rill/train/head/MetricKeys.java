package dev.rill.train.head;

/** The names heads give their evaluation metrics, as {@code tf.estimator}'s {@code MetricKeys}. */
public final class MetricKeys {
  /** The mean over batches of the (reduced) training loss; the Estimator computes it. */
  public static final String LOSS = "loss";
  /** The weighted mean of the per-example loss over the whole evaluation. */
  public static final String LOSS_MEAN = "average_loss";
  public static final String LOSS_REGULARIZATION = "regularization_loss";
  public static final String ACCURACY = "accuracy";
  public static final String PRECISION = "precision";
  public static final String RECALL = "recall";
  /** The accuracy of always predicting the majority class. */
  public static final String ACCURACY_BASELINE = "accuracy_baseline";
  public static final String AUC = "auc";
  public static final String AUC_PR = "auc_precision_recall";
  public static final String LABEL_MEAN = "label/mean";
  public static final String PREDICTION_MEAN = "prediction/mean";

  private MetricKeys() {}
}
