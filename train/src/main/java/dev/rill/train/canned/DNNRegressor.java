package dev.rill.train.canned;

import dev.rill.nn.losses.Reduction;
import dev.rill.train.RunConfig;
import dev.rill.train.head.RegressionHead;

/**
 * A feed-forward network regressor, as {@code tf.estimator.DNNRegressor}: hidden layers over the
 * dense feature columns (see {@link DNNOptions}), squared-error loss, Adagrad at 0.05 unless
 * another optimizer is given.
 */
public final class DNNRegressor extends CannedEstimator {
  /** One label per example, unweighted. */
  public DNNRegressor(DNNOptions dnn, RunConfig config) {
    this(dnn, 1, null, config);
  }

  /** @param weightColumn the per-example weight feature, or null */
  public DNNRegressor(DNNOptions dnn, int labelDimension, String weightColumn,
      RunConfig config) {
    super(new RegressionHead(labelDimension, Reduction.SUM_OVER_BATCH_SIZE), weightColumn,
        dnn.network(), config);
  }
}
