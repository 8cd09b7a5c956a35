package dev.rill.train.canned;

import dev.rill.nn.losses.Reduction;
import dev.rill.train.RunConfig;
import dev.rill.train.head.RegressionHead;

/**
 * A wide-and-deep regressor, as {@code tf.estimator.DNNLinearCombinedRegressor}: the summed
 * logits of a linear and a deep part (see {@link DNNLinearCombinedClassifier}) predict
 * {@code labelDimension} values with squared-error loss.
 */
public final class DNNLinearCombinedRegressor extends CannedEstimator {
  /** One label per example, unweighted. */
  public DNNLinearCombinedRegressor(LinearOptions linear, DNNOptions dnn, RunConfig config) {
    this(linear, dnn, 1, null, config);
  }

  /**
   * @param linear the linear part, or null for none
   * @param dnn the deep part, or null for none
   * @param weightColumn the per-example weight feature, or null
   */
  public DNNLinearCombinedRegressor(LinearOptions linear, DNNOptions dnn, int labelDimension,
      String weightColumn, RunConfig config) {
    super(new RegressionHead(labelDimension, Reduction.SUM_OVER_BATCH_SIZE), weightColumn,
        WideAndDeep.network(linear, dnn), config);
  }
}
