package dev.rill.train.head;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.nn.losses.Reduction;
import dev.rill.nn.metrics.Accuracy;
import dev.rill.nn.metrics.Mean;
import dev.rill.nn.metrics.Metric;
import dev.rill.nn.metrics.Precision;
import dev.rill.nn.metrics.Recall;
import dev.rill.train.EvalMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-label binary classification, as {@code tf.estimator.BinaryClassHead}: one logit per
 * example, sigmoid cross-entropy loss against labels in [0, 1].
 *
 * <p>Predictions: {@code logits}, {@code logistic} (sigmoid), {@code probabilities}
 * ({@code [1 - p, p]}, softmax of {@code [0, logit]}), {@code class_ids} (int64, 1 when the
 * logit is above 0) and {@code classes} (its decimal string, or its entry in the label
 * vocabulary, see {@link #withLabelVocabulary}).
 *
 * <p>Evaluation metrics, as TF 2's head computes them: {@code accuracy}, {@code precision} and
 * {@code recall} of the class ids; {@code average_loss} (weighted mean per-example loss);
 * {@code label/mean}, {@code prediction/mean} (mean logistic), {@code accuracy_baseline}
 * ({@code max(label mean, 1 - label mean)}); {@code auc} and {@code auc_precision_recall} over
 * the logistic with 200 thresholds ({@link BucketedAuc}: trapezoids for ROC, interpolation for
 * PR). The Estimator adds {@code loss}.
 */
public final class BinaryClassHead extends Head {
  private final int numThresholds;
  private final List<String> labelVocabulary;

  /** With TF 2's SUM_OVER_BATCH_SIZE loss reduction. */
  public BinaryClassHead() {
    this(Reduction.SUM_OVER_BATCH_SIZE);
  }

  public BinaryClassHead(Reduction lossReduction) {
    this(lossReduction, BucketedAuc.NUM_THRESHOLDS_DEFAULT);
  }

  /** @param numThresholds the thresholds of both AUC metrics */
  public BinaryClassHead(Reduction lossReduction, int numThresholds) {
    this(lossReduction, numThresholds, null);
  }

  private BinaryClassHead(Reduction lossReduction, int numThresholds,
      List<String> labelVocabulary) {
    super(lossReduction);
    this.numThresholds = numThresholds;
    this.labelVocabulary = checkVocabulary(labelVocabulary, 2);
  }

  /**
   * This head with string labels: {@code vocabulary.get(0)} is class 0, {@code get(1)} class 1,
   * and {@code classes} predicts the entries ({@code label_vocabulary}).
   */
  public BinaryClassHead withLabelVocabulary(List<String> vocabulary) {
    return new BinaryClassHead(lossReduction(), numThresholds, vocabulary);
  }

  /** The label vocabulary, or null when labels are numbers. */
  public List<String> labelVocabulary() {
    return labelVocabulary;
  }

  @Override
  public int logitsDimension() {
    return 1;
  }

  @Override
  public Map<String, Tensor> predictions(Tensor logits) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(PredictionKeys.LOGITS, logits);
    out.put(PredictionKeys.LOGISTIC, MathOps.sigmoid(logits));
    Tensor twoClass = ArrayOps.concat(List.of(ArrayOps.zerosLike(logits), logits), -1);
    out.put(PredictionKeys.PROBABILITIES, NnOps.softmax(twoClass));
    Tensor classIds = ArrayOps.expandDims(ReduceOps.argMax(twoClass, twoClass.rank() - 1), -1);
    out.put(PredictionKeys.CLASS_IDS, classIds);
    out.put(PredictionKeys.CLASSES, classStrings(classIds, labelVocabulary));
    return out;
  }

  @Override
  protected Tensor processLabels(Tensor rawLabels, Tensor logits) {
    int batch = batchSize(logits);
    Tensor labels = labelVocabulary == null ? rawLabels
        : labelIds(rawLabels, labelVocabulary, batch);
    if (labels.dtype() == DType.STRING) {
      throw new InvalidArgumentException("string labels need a label vocabulary "
          + "(withLabelVocabulary)");
    }
    if (labels.size() != batch) {
      throw new InvalidArgumentException("labels must have one value per example (shape ["
          + batch + ", 1]), got shape " + labels.shape());
    }
    Tensor l = ArrayOps.reshape(labels, logits.shape().dims());
    l = l.dtype() == DType.FLOAT32 ? l : MathOps.cast(l, DType.FLOAT32);
    for (float v : l.floatData()) {
      if (!(v >= 0f && v <= 1f)) {
        throw new InvalidArgumentException("binary labels must be in [0, 1], got " + v);
      }
    }
    return l;
  }

  @Override
  protected Tensor unweightedLoss(Tensor processedLabels, Tensor logits) {
    return NnOps.sigmoidCrossEntropyWithLogits(processedLabels,
        MathOps.cast(logits, DType.FLOAT32));
  }

  @Override
  protected void updateHeadMetrics(Map<String, Metric> out, Tensor labels, Tensor logits,
      Map<String, Tensor> predictions, Tensor weights) {
    Tensor classIds = predictions.get(PredictionKeys.CLASS_IDS);
    Tensor logistic = MathOps.cast(predictions.get(PredictionKeys.LOGISTIC), DType.FLOAT32);
    Accuracy accuracy = EvalMetrics.get(MetricKeys.ACCURACY, () -> new Accuracy());
    accuracy.update(labels, classIds, weights);
    Precision precision = EvalMetrics.get(MetricKeys.PRECISION, () -> new Precision());
    precision.update(labels, classIds, weights);
    Recall recall = EvalMetrics.get(MetricKeys.RECALL, () -> new Recall());
    recall.update(labels, classIds, weights);
    Mean predictionMean = EvalMetrics.get(MetricKeys.PREDICTION_MEAN,
        () -> new Mean(MetricKeys.PREDICTION_MEAN));
    predictionMean.update(logistic, weights);
    Mean labelMean = EvalMetrics.get(MetricKeys.LABEL_MEAN, () -> new Mean(MetricKeys.LABEL_MEAN));
    labelMean.update(labels, weights);
    AccuracyBaseline baseline = EvalMetrics.get(MetricKeys.ACCURACY_BASELINE,
        () -> new AccuracyBaseline(MetricKeys.ACCURACY_BASELINE, labelMean));
    BucketedAuc auc = EvalMetrics.get(MetricKeys.AUC,
        () -> new BucketedAuc(MetricKeys.AUC, BucketedAuc.Curve.ROC, numThresholds));
    auc.update(labels, logistic, weights);
    BucketedAuc aucPr = EvalMetrics.get(MetricKeys.AUC_PR,
        () -> new BucketedAuc(MetricKeys.AUC_PR, BucketedAuc.Curve.PR, numThresholds));
    aucPr.update(labels, logistic, weights);
    out.put(MetricKeys.ACCURACY, accuracy);
    out.put(MetricKeys.ACCURACY_BASELINE, baseline);
    out.put(MetricKeys.AUC, auc);
    out.put(MetricKeys.AUC_PR, aucPr);
    out.put(MetricKeys.LABEL_MEAN, labelMean);
    out.put(MetricKeys.PRECISION, precision);
    out.put(MetricKeys.PREDICTION_MEAN, predictionMean);
    out.put(MetricKeys.RECALL, recall);
  }
}
