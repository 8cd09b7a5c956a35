package dev.rill.train.canned;

import dev.rill.nn.losses.Reduction;
import dev.rill.train.RunConfig;
import dev.rill.train.head.RegressionHead;

/**
 * A linear regressor, as {@code tf.estimator.LinearRegressor}: the linear model of the feature
 * columns predicts {@code labelDimension} values, squared-error loss, FTRL unless another
 * optimizer is given.
 */
public final class LinearRegressor extends CannedEstimator {
  /** One label per example, unweighted. */
  public LinearRegressor(LinearOptions linear, RunConfig config) {
    this(linear, 1, null, config);
  }

  /** @param weightColumn the per-example weight feature, or null */
  public LinearRegressor(LinearOptions linear, int labelDimension, String weightColumn,
      RunConfig config) {
    super(new RegressionHead(labelDimension, Reduction.SUM_OVER_BATCH_SIZE), weightColumn,
        linear.network(), config);
  }
}
