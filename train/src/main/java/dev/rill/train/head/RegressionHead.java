package dev.rill.train.head;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.nn.losses.Reduction;
import dev.rill.nn.metrics.Mean;
import dev.rill.nn.metrics.Metric;
import dev.rill.train.EvalMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression, as {@code tf.estimator.RegressionHead}: logits {@code [batch, labelDimension]} are
 * the predictions, the loss is the squared error against float labels of the same size.
 *
 * <p>Predictions: {@code predictions} (the logits). Metrics: {@code average_loss},
 * {@code label/mean}, {@code prediction/mean}; the Estimator adds {@code loss}.
 */
public final class RegressionHead extends Head {
  private final int labelDimension;

  /** One label per example, TF 2's SUM_OVER_BATCH_SIZE loss reduction. */
  public RegressionHead() {
    this(1, Reduction.SUM_OVER_BATCH_SIZE);
  }

  public RegressionHead(int labelDimension, Reduction lossReduction) {
    super(lossReduction);
    if (labelDimension < 1) {
      throw new IllegalArgumentException("label_dimension must be at least 1, got "
          + labelDimension);
    }
    this.labelDimension = labelDimension;
  }

  @Override
  public int logitsDimension() {
    return labelDimension;
  }

  @Override
  public Map<String, Tensor> predictions(Tensor logits) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(PredictionKeys.PREDICTIONS, logits);
    return out;
  }

  @Override
  protected Tensor processLabels(Tensor labels, Tensor logits) {
    if (labels.size() != logits.size()) {
      throw new InvalidArgumentException("labels must have shape " + logits.shape() + ", got "
          + labels.shape());
    }
    if (!labels.dtype().isNumeric()) {
      throw new InvalidArgumentException("labels must be numeric, got " + labels.dtype());
    }
    Tensor l = ArrayOps.reshape(labels, logits.shape().dims());
    return l.dtype() == logits.dtype() ? l : MathOps.cast(l, logits.dtype());
  }

  @Override
  protected Tensor unweightedLoss(Tensor processedLabels, Tensor logits) {
    return MathOps.squaredDifference(logits, processedLabels);
  }

  @Override
  protected void updateHeadMetrics(Map<String, Metric> out, Tensor labels, Tensor logits,
      Map<String, Tensor> predictions, Tensor weights) {
    Mean predictionMean = EvalMetrics.get(MetricKeys.PREDICTION_MEAN,
        () -> new Mean(MetricKeys.PREDICTION_MEAN));
    predictionMean.update(logits.dtype() == DType.FLOAT32 ? logits
        : MathOps.cast(logits, DType.FLOAT32), weights);
    Mean labelMean = EvalMetrics.get(MetricKeys.LABEL_MEAN, () -> new Mean(MetricKeys.LABEL_MEAN));
    labelMean.update(labels, weights);
    out.put(MetricKeys.LABEL_MEAN, labelMean);
    out.put(MetricKeys.PREDICTION_MEAN, predictionMean);
  }
}
