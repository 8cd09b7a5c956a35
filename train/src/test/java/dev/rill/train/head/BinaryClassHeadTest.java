package dev.rill.train.head;

import static dev.rill.train.head.KerasAucOracle.tf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.nn.losses.Reduction;
import dev.rill.nn.metrics.Metric;
import dev.rill.train.EstimatorSpec;
import dev.rill.train.ModeKeys;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryClassHeadTest {
  /** A batch: logits [n, 1], labels 0/1, optional weights. */
  record Batch(float[] logits, float[] labels, float[] weights) {
    static Batch random(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(200);
      int kind = r.nextInt(5);
      double positiveRate = kind == 0 ? 0 : kind == 1 ? 1 : r.nextDouble();
      float[] x = new float[n];
      float[] y = new float[n];
      float[] w = r.nextBoolean() ? null : new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextDouble() < positiveRate ? 1f : 0f;
        // logits of either sign, some exactly 0 (logistic 0.5, class 0), correlated with labels
        x[i] = r.nextInt(8) == 0 ? 0f : (float) (3 * r.nextGaussian() + (y[i] - 0.5));
        if (w != null) {
          w[i] = r.nextInt(8) == 0 ? 0f : (float) (0.1 + 2 * r.nextDouble());
        }
      }
      if (w != null) {
        w[0] = 1f;   // a non-zero total weight
      }
      return new Batch(x, y, w);
    }

    Tensor logitsTensor() {
      return Tensor.of(Shape.of(logits.length, 1), logits);
    }

    Tensor weightsTensor() {
      return weights == null ? null : Tensor.of(weights);
    }

    double weight(int i) {
      return weights == null ? 1 : weights[i];
    }
  }

  /** log(1 + e^-|x|) + max(x, 0) - x z: the logistic loss, in double. */
  static double sigmoidCrossEntropy(double x, double z) {
    return Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void evalMetricsMatchTensorFlow(long seed) {
    Batch b = Batch.random(seed);
    BinaryClassHead head = new BinaryClassHead();
    Map<String, Metric> m = head.updateMetrics(Tensor.of(b.labels()), b.logitsTensor(),
        b.weightsTensor(), null);
    assertThat(m.keySet()).containsExactlyInAnyOrder("average_loss", "accuracy",
        "accuracy_baseline", "auc", "auc_precision_recall", "label/mean", "precision",
        "prediction/mean", "recall");

    // the logistic as TensorFlow's Sigmoid computes it feeds the AUC oracle
    float[] logistic = tf("Sigmoid", Tensor.of(b.logits())).floatData();
    double w = 0, correct = 0, labelSum = 0, predSum = 0, lossSum = 0;
    double tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < b.logits().length; i++) {
      double wi = b.weight(i);
      int cls = b.logits()[i] > 0 ? 1 : 0;
      w += wi;
      correct += cls == b.labels()[i] ? wi : 0;
      labelSum += wi * b.labels()[i];
      predSum += wi * logistic[i];
      lossSum += wi * sigmoidCrossEntropy(b.logits()[i], b.labels()[i]);
      tp += cls == 1 && b.labels()[i] == 1 ? wi : 0;
      fp += cls == 1 && b.labels()[i] == 0 ? wi : 0;
      fn += cls == 0 && b.labels()[i] == 1 ? wi : 0;
    }
    double labelMean = labelSum / w;
    assertThat(m.get("accuracy").doubleValue()).isCloseTo(correct / w, within(1e-5));
    assertThat(m.get("label/mean").doubleValue()).isCloseTo(labelMean, within(1e-5));
    assertThat(m.get("accuracy_baseline").doubleValue())
        .isCloseTo(Math.max(labelMean, 1 - labelMean), within(1e-5));
    assertThat(m.get("prediction/mean").doubleValue()).isCloseTo(predSum / w, within(1e-5));
    assertThat(m.get("average_loss").doubleValue())
        .isCloseTo(lossSum / w, within(1e-5 * Math.max(1, lossSum / w)));
    assertThat(m.get("precision").doubleValue())
        .isCloseTo(tp + fp == 0 ? 0 : tp / (tp + fp), within(1e-5));
    assertThat(m.get("recall").doubleValue())
        .isCloseTo(tp + fn == 0 ? 0 : tp / (tp + fn), within(1e-5));
    KerasAucOracle.Counts counts = KerasAucOracle.counts(b.labels(), logistic, b.weights(), 200);
    assertThat(m.get("auc").doubleValue())
        .isCloseTo(KerasAucOracle.rocAuc(counts), within(2e-5));
    assertThat(m.get("auc_precision_recall").doubleValue())
        .isCloseTo(KerasAucOracle.prAuc(counts), within(2e-5));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void lossReductions(long seed) {
    Batch b = Batch.random(seed);
    int n = b.logits().length;
    double weighted = 0;
    double weightSum = 0;
    for (int i = 0; i < n; i++) {
      weighted += b.weight(i) * sigmoidCrossEntropy(b.logits()[i], b.labels()[i]);
      weightSum += b.weight(i);
    }
    Tensor labels = Tensor.of(b.labels());
    double tol = 1e-5 * Math.max(1, weighted);
    assertThat(new BinaryClassHead().loss(labels, b.logitsTensor(), b.weightsTensor(), null)
        .doubleValue()).isCloseTo(weighted / n, within(tol));
    assertThat(new BinaryClassHead(Reduction.SUM)
        .loss(labels, b.logitsTensor(), b.weightsTensor(), null).doubleValue())
        .isCloseTo(weighted, within(tol));
    assertThat(new BinaryClassHead(Reduction.MEAN)
        .loss(labels, b.logitsTensor(), b.weightsTensor(), null).doubleValue())
        .isCloseTo(weighted / weightSum, within(tol));
    // regularization adds on top, whatever the reduction
    Tensor reg = Tensor.scalar(0.25f);
    assertThat(new BinaryClassHead()
        .loss(labels, b.logitsTensor(), b.weightsTensor(), List.of(reg, reg)).doubleValue())
        .isCloseTo(weighted / n + 0.5, within(tol));
  }

  @Test
  void predictions() {
    Tensor logits = Tensor.of(new float[][] {{-2f}, {0f}, {3f}});
    Map<String, Tensor> p = new BinaryClassHead().predictions(logits);
    assertThat(p.keySet()).containsExactly("logits", "logistic", "probabilities", "class_ids",
        "classes");
    assertThat(p.get("logistic").shape()).isEqualTo(Shape.of(3, 1));
    assertThat(p.get("logistic").floatData()).containsExactly(
        tf("Sigmoid", logits).floatData(), within(1e-7f));
    Tensor probabilities = p.get("probabilities");
    assertThat(probabilities.shape()).isEqualTo(Shape.of(3, 2));
    for (int i = 0; i < 3; i++) {
      assertThat(probabilities.getFloat(i, 1)).isCloseTo(p.get("logistic").getFloat(i, 0),
          within(1e-6f));
      assertThat(probabilities.getFloat(i, 0) + probabilities.getFloat(i, 1))
          .isCloseTo(1f, within(1e-6f));
    }
    // a logit of exactly 0 ties the two classes; TF's arg max takes the first, class 0
    assertThat(p.get("class_ids").dtype()).isEqualTo(DType.INT64);
    assertThat(p.get("class_ids").shape()).isEqualTo(Shape.of(3, 1));
    assertThat(p.get("class_ids").longData()).containsExactly(0L, 0L, 1L);
    assertThat(p.get("classes").toStringArray()).containsExactly("0", "0", "1");
  }

  @Test
  void labelsOfEitherShapeAndIntegerType() {
    Tensor logits = Tensor.of(new float[][] {{-1f}, {2f}});
    BinaryClassHead head = new BinaryClassHead();
    double flat = head.loss(Tensor.of(0, 1), logits).doubleValue();
    double column = head.loss(Tensor.of(Shape.of(2, 1), 0f, 1f), logits).doubleValue();
    assertThat(column).isEqualTo(flat);
    assertThat(flat).isCloseTo((sigmoidCrossEntropy(-1, 0) + sigmoidCrossEntropy(2, 1)) / 2,
        within(1e-6));
  }

  @Test
  void rejectsBadLabelsAndLogits() {
    BinaryClassHead head = new BinaryClassHead();
    Tensor logits = Tensor.of(new float[][] {{-1f}, {2f}});
    assertThatThrownBy(() -> head.loss(Tensor.of(0, 2), logits))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> head.loss(Tensor.of(0, 1, 1), logits))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> head.loss(Tensor.of(0, 1), Tensor.of(new float[][] {{1f, 2f}})))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[batch, 1]");
    assertThatThrownBy(() -> new BinaryClassHead(Reduction.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void estimatorSpecPerMode() {
    BinaryClassHead head = new BinaryClassHead();
    Tensor logits = Tensor.of(new float[][] {{-1f}, {2f}});
    EstimatorSpec predict = head.createEstimatorSpec(ModeKeys.PREDICT, logits, null, null);
    assertThat(predict.mode()).isEqualTo(ModeKeys.PREDICT);
    assertThat(predict.predictions()).containsKeys("logistic", "classes");
    assertThat(predict.loss()).isNull();
    EstimatorSpec eval = head.createEstimatorSpec(ModeKeys.EVAL, logits, Tensor.of(0, 1), null);
    assertThat(eval.loss()).isNotNull();
    assertThat(eval.evalMetrics().get("accuracy").doubleValue()).isEqualTo(1.0);
    assertThat(eval.evalMetrics().get("auc").doubleValue()).isCloseTo(1.0, within(1e-6));
    assertThatThrownBy(() -> head.createEstimatorSpec(ModeKeys.EVAL, logits, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
