package dev.rill.train;

import dev.rill.core.Tensor;
import dev.rill.nn.metrics.Metric;
import dev.rill.nn.optimizers.TrainOp;
import java.util.Map;
import java.util.Objects;

/**
 * What a model function returns, as {@code tf.estimator.EstimatorSpec}: predictions (PREDICT), the
 * loss and the applied train op (TRAIN), the loss and evaluation metrics (EVAL).
 *
 * {@snippet :
 * return EstimatorSpec.train(loss, optimizer.minimize(loss));
 * }
 *
 * @param evalMetrics metric name to its accumulated value so far (see {@link EvalMetrics})
 */
public record EstimatorSpec(ModeKeys mode, Map<String, Tensor> predictions, Tensor loss,
    TrainOp trainOp, Map<String, Metric> evalMetrics) {

  public EstimatorSpec {
    Objects.requireNonNull(mode, "mode");
    predictions = predictions == null ? Map.of() : Map.copyOf(predictions);
    evalMetrics = evalMetrics == null ? Map.of() : Map.copyOf(evalMetrics);
  }

  public static EstimatorSpec predict(Map<String, Tensor> predictions) {
    return new EstimatorSpec(ModeKeys.PREDICT, predictions, null, null, null);
  }

  public static EstimatorSpec train(Tensor loss, TrainOp trainOp) {
    return new EstimatorSpec(ModeKeys.TRAIN, null, loss, trainOp, null);
  }

  public static EstimatorSpec eval(Tensor loss, Map<String, Metric> metrics) {
    return new EstimatorSpec(ModeKeys.EVAL, null, loss, null, metrics);
  }
}
