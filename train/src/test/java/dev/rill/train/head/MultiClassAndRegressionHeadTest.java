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
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MultiClassAndRegressionHeadTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void multiClassMatchesTensorFlow(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(100);
    int k = 3 + r.nextInt(6);
    float[] logits = new float[n * k];
    for (int i = 0; i < logits.length; i++) {
      // whole numbers in a small range give ties in the arg max
      logits[i] = seed % 2 == 0 ? r.nextInt(3) : (float) (2 * r.nextGaussian());
    }
    long[] labels = new long[n];
    float[] weights = seed % 3 == 0 ? null : new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(k);
      if (weights != null) {
        weights[i] = i == 0 ? 1f : (float) (2 * r.nextDouble());
      }
    }
    Tensor x = Tensor.of(Shape.of(n, k), logits);
    Tensor y = Tensor.of(labels);
    Tensor w = weights == null ? null : Tensor.of(weights);
    MultiClassHead head = new MultiClassHead(k);

    Map<String, Tensor> p = head.predictions(x);
    assertThat(p.keySet()).containsExactly("logits", "probabilities", "class_ids", "classes");
    assertThat(p.get("probabilities").floatData())
        .containsExactly(tf("Softmax", x).floatData(), within(1e-6f));
    long[] tfClass = tf("ArgMax", Map.of("output_type", DType.INT64), x, Tensor.scalar(1))
        .longData();
    assertThat(p.get("class_ids").shape()).isEqualTo(Shape.of(n, 1));
    assertThat(p.get("class_ids").longData()).containsExactly(tfClass);
    assertThat(p.get("classes").getString(0, 0)).isEqualTo(Long.toString(tfClass[0]));

    float[] ce = tf("SparseSoftmaxCrossEntropyWithLogits", x, y).floatData();
    double weighted = 0, weightSum = 0, correct = 0;
    for (int i = 0; i < n; i++) {
      double wi = weights == null ? 1 : weights[i];
      weighted += wi * ce[i];
      weightSum += wi;
      correct += tfClass[i] == labels[i] ? wi : 0;
    }
    double tol = 1e-5 * Math.max(1, weighted);
    assertThat(head.loss(y, x, w, null).doubleValue()).isCloseTo(weighted / n, within(tol));
    assertThat(new MultiClassHead(k, Reduction.SUM).loss(y, x, w, null).doubleValue())
        .isCloseTo(weighted, within(tol));
    Map<String, Metric> m = head.updateMetrics(y, x, w, null);
    assertThat(m.keySet()).containsExactlyInAnyOrder("accuracy", "average_loss");
    assertThat(m.get("accuracy").doubleValue()).isCloseTo(correct / weightSum, within(1e-5));
    assertThat(m.get("average_loss").doubleValue())
        .isCloseTo(weighted / weightSum, within(1e-5 * Math.max(1, weighted / weightSum)));
  }

  @Test
  void multiClassRejectsBadLabels() {
    MultiClassHead head = new MultiClassHead(3);
    Tensor x = Tensor.of(new float[][] {{1f, 2f, 3f}});
    assertThatThrownBy(() -> head.loss(Tensor.of(3), x))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[0, 3)");
    assertThatThrownBy(() -> head.loss(Tensor.of(1f), x))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("integer");
    assertThatThrownBy(() -> new MultiClassHead(2)).isInstanceOf(IllegalArgumentException.class);
    // labels [batch, 1] work as [batch]
    assertThat(head.loss(Tensor.of(Shape.of(1, 1), 2), x).doubleValue())
        .isEqualTo(head.loss(Tensor.of(2), x).doubleValue());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void regression(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(100);
    int d = 1 + r.nextInt(3);
    float[] pred = new float[n * d];
    float[] label = new float[n * d];
    for (int i = 0; i < pred.length; i++) {
      pred[i] = (float) r.nextGaussian();
      label[i] = (float) (r.nextGaussian() + 0.5);
    }
    float[] weights = seed % 2 == 0 ? null : new float[n];
    for (int i = 0; weights != null && i < n; i++) {
      weights[i] = i == 0 ? 1f : (float) (2 * r.nextDouble());
    }
    Tensor x = Tensor.of(Shape.of(n, d), pred);
    Tensor y = Tensor.of(Shape.of(n, d), label);
    Tensor w = weights == null ? null : Tensor.of(weights);
    double se = 0, weightSum = 0, labelSum = 0, predSum = 0;
    for (int i = 0; i < n; i++) {
      double wi = weights == null ? 1 : weights[i];
      for (int j = 0; j < d; j++) {
        double diff = pred[i * d + j] - label[i * d + j];
        se += wi * diff * diff;
        labelSum += wi * label[i * d + j];
        predSum += wi * pred[i * d + j];
        weightSum += wi;   // each weight counts once per label dimension
      }
    }
    RegressionHead head = new RegressionHead(d, Reduction.SUM_OVER_BATCH_SIZE);
    assertThat(head.predictions(x).get("predictions")).isSameAs(x);
    double tol = 1e-5 * Math.max(1, se);
    assertThat(head.loss(y, x, w, null).doubleValue()).isCloseTo(se / (n * d), within(tol));
    assertThat(new RegressionHead(d, Reduction.SUM).loss(y, x, w, null).doubleValue())
        .isCloseTo(se, within(tol));
    Map<String, Metric> m = head.updateMetrics(y, x, w, null);
    assertThat(m.keySet()).containsExactlyInAnyOrder("average_loss", "label/mean",
        "prediction/mean");
    assertThat(m.get("average_loss").doubleValue()).isCloseTo(se / weightSum, within(1e-5));
    assertThat(m.get("label/mean").doubleValue()).isCloseTo(labelSum / weightSum, within(1e-5));
    assertThat(m.get("prediction/mean").doubleValue())
        .isCloseTo(predSum / weightSum, within(1e-5));
  }

  @Test
  void regressionAcceptsIntegerLabelsOfFlatShape() {
    RegressionHead head = new RegressionHead();
    Tensor x = Tensor.of(new float[][] {{1f}, {2f}});
    assertThat(head.loss(Tensor.of(0, 4), x).doubleValue()).isCloseTo((1 + 4) / 2.0,
        within(1e-6));
  }
}
