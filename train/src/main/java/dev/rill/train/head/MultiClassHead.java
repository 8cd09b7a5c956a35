package dev.rill.train.head;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.nn.losses.Reduction;
import dev.rill.nn.metrics.Accuracy;
import dev.rill.nn.metrics.Metric;
import dev.rill.train.EvalMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-label classification into {@code nClasses > 2} classes, as
 * {@code tf.estimator.MultiClassHead}: logits {@code [batch, nClasses]}, integer labels in
 * {@code [0, nClasses)} ({@code [batch]} or {@code [batch, 1]}), sparse softmax cross-entropy.
 *
 * <p>Predictions: {@code logits}, {@code probabilities} (softmax), {@code class_ids} (int64
 * {@code [batch, 1]}, the arg max, lowest index on ties) and {@code classes} (its decimal string,
 * or its entry in the label vocabulary, see {@link #withLabelVocabulary}).
 * Metrics: {@code accuracy} and {@code average_loss}; the Estimator adds {@code loss}.
 */
public final class MultiClassHead extends Head {
  private final int nClasses;
  private final List<String> labelVocabulary;

  /** With TF 2's SUM_OVER_BATCH_SIZE loss reduction. */
  public MultiClassHead(int nClasses) {
    this(nClasses, Reduction.SUM_OVER_BATCH_SIZE);
  }

  public MultiClassHead(int nClasses, Reduction lossReduction) {
    this(nClasses, lossReduction, null);
  }

  private MultiClassHead(int nClasses, Reduction lossReduction, List<String> labelVocabulary) {
    super(lossReduction);
    if (nClasses <= 2) {
      throw new IllegalArgumentException("n_classes must be > 2 (use BinaryClassHead for 2), got "
          + nClasses);
    }
    this.nClasses = nClasses;
    this.labelVocabulary = checkVocabulary(labelVocabulary, nClasses);
  }

  /**
   * This head with string labels: entry {@code i} of {@code vocabulary} is class {@code i}, and
   * {@code classes} predicts the entries ({@code label_vocabulary}).
   */
  public MultiClassHead withLabelVocabulary(List<String> vocabulary) {
    return new MultiClassHead(nClasses, lossReduction(), vocabulary);
  }

  /** The label vocabulary, or null when labels are class ids. */
  public List<String> labelVocabulary() {
    return labelVocabulary;
  }

  @Override
  public int logitsDimension() {
    return nClasses;
  }

  @Override
  public Map<String, Tensor> predictions(Tensor logits) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(PredictionKeys.LOGITS, logits);
    out.put(PredictionKeys.PROBABILITIES, NnOps.softmax(logits));
    Tensor classIds = ArrayOps.expandDims(ReduceOps.argMax(logits, logits.rank() - 1), -1);
    out.put(PredictionKeys.CLASS_IDS, classIds);
    out.put(PredictionKeys.CLASSES, classStrings(classIds, labelVocabulary));
    return out;
  }

  /** Labels as int64 {@code [batch, 1]}. */
  @Override
  protected Tensor processLabels(Tensor rawLabels, Tensor logits) {
    int batch = batchSize(logits);
    Tensor labels = labelVocabulary == null ? rawLabels
        : labelIds(rawLabels, labelVocabulary, batch);
    if (labels.size() != batch) {
      throw new InvalidArgumentException("labels must have one class id per example (shape ["
          + batch + ", 1]), got shape " + labels.shape());
    }
    if (labels.dtype() != DType.INT32 && labels.dtype() != DType.INT64) {
      throw new InvalidArgumentException("labels must be integer class ids, got "
          + labels.dtype());
    }
    Tensor l = ArrayOps.reshape(labels.cast(DType.INT64), batch, 1);
    for (long v : l.longData()) {
      if (v < 0 || v >= nClasses) {
        throw new InvalidArgumentException("labels must be in [0, " + nClasses + "), got " + v);
      }
    }
    return l;
  }

  @Override
  protected Tensor unweightedLoss(Tensor processedLabels, Tensor logits) {
    Tensor perExample = NnOps.sparseSoftmaxCrossEntropyWithLogits(
        ArrayOps.reshape(processedLabels, -1), ArrayOps.reshape(logits, -1, nClasses));
    return ArrayOps.reshape(perExample, -1, 1);
  }

  @Override
  protected void updateHeadMetrics(Map<String, Metric> out, Tensor labels, Tensor logits,
      Map<String, Tensor> predictions, Tensor weights) {
    Accuracy accuracy = EvalMetrics.get(MetricKeys.ACCURACY, () -> new Accuracy());
    accuracy.update(labels, predictions.get(PredictionKeys.CLASS_IDS), weights);
    out.put(MetricKeys.ACCURACY, accuracy);
  }
}
