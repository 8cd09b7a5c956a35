package dev.rill.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void meanWeightedAndStreaming() {
    Mean m = new Mean();
    assertThat(m.doubleValue()).isZero();                 // 0 / 0 gives 0, as div_no_nan
    m.update(Tensor.of(1f, 2f, 3f));
    assertThat(m.doubleValue()).isEqualTo(2.0);
    m.update(Tensor.of(10f), Tensor.of(2f));              // (6 + 20) / (3 + 2)
    assertThat(m.result().floatValue()).isEqualTo(5.2f);
    assertThat(m.result().dtype()).isEqualTo(DType.FLOAT32);
    m.reset();
    // weights [2, 1] broadcast over rows of [[1, 2], [3, 4]] after adding the last axis
    m.update(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(2f, 1f));
    assertThat(m.doubleValue()).isEqualTo((2 + 4 + 3 + 4) / 6.0, within(1e-7));
    m.reset();
    m.update(Tensor.of(1, 0, 1, 1));                      // ints and bools are cast to float
    assertThat(m.doubleValue()).isEqualTo(0.75);
    assertThatThrownBy(() -> m.update(Tensor.of(new float[][] {{1, 2}}), Tensor.of(1f, 2f, 3f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("mean: weights of shape [3] cannot be broadcast to values of shape [1, 2]");
  }

  @Test
  void accuracyAsTfsExamples() {
    Accuracy acc = new Accuracy();
    acc.update(Tensor.of(0, 2, 3), Tensor.of(1, 2, 3));
    assertThat(acc.result().floatValue()).isEqualTo(2f / 3f);
    acc.update(Tensor.of(1), Tensor.of(1.7f), Tensor.of(3f));   // 1.7 cast to int is 1: correct
    assertThat(acc.doubleValue()).isEqualTo(5.0 / 6.0, within(1e-7));
    acc.reset();
    // labels [n, 1] against predictions [n]: the size-1 axis is squeezed
    acc.update(Tensor.of(Shape.of(3, 1), 1L, 0L, 1L), Tensor.of(1L, 1L, 1L));
    assertThat(acc.doubleValue()).isEqualTo(2.0 / 3.0, within(1e-7));
    acc.reset();
    acc.update(Tensor.of("cat", "dog"), Tensor.of("cat", "cow"));
    assertThat(acc.doubleValue()).isEqualTo(0.5);
    assertThat(acc.name()).isEqualTo("accuracy");
    assertThatThrownBy(() -> acc.update(Tensor.of(1, 2), Tensor.of(1, 2, 3)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("accuracy: labels of shape [2] do not match predictions of shape [3]");
  }

  @Test
  void precisionAndRecallWithWeights() {
    Tensor predictions = Tensor.of(Shape.of(2, 4), 1, 0, 1, 0, 0, 1, 0, 1);
    Tensor labels = Tensor.of(Shape.of(2, 4), 0, 1, 1, 0, 1, 0, 0, 1);
    Precision p = new Precision();
    Recall r = new Recall();
    p.update(labels, predictions);
    r.update(labels, predictions);
    assertThat(p.doubleValue()).isEqualTo(0.5);
    assertThat(r.doubleValue()).isEqualTo(0.5);
    // weights per row: tp = 2 + 5, positives = 2 * 2 + 2 * 5
    r.reset();
    r.update(labels, predictions, Tensor.of(new float[][] {{2}, {5}}));
    assertThat(r.doubleValue()).isEqualTo(0.5);
    // weights per element: recall tp = 3 + 1 of positives 2 + 3 + 4 + 1
    Tensor w = Tensor.of(new float[][] {{1, 2, 3, 4}, {4, 3, 2, 1}});
    r.reset();
    r.update(labels, predictions, w);
    assertThat(r.result().floatValue()).isEqualTo(0.4f);
    p.reset();
    p.update(labels, predictions, w);                     // tp 3 + 1, fp 1 + 3
    assertThat(p.doubleValue()).isEqualTo(0.5);
    assertThat(p.truePositives()).isEqualTo(4f);
    // float predictions are true when non-zero; nothing positive gives 0
    p.reset();
    p.update(Tensor.of(1f, 0f), Tensor.of(0f, 0f));
    assertThat(p.doubleValue()).isZero();
    r.reset();
    r.update(Tensor.of(0f, 0f), Tensor.of(0.3f, 0f));
    assertThat(r.doubleValue()).isZero();
  }

  @Test
  void confusionMatrixStreamsWeightedCounts() {
    ConfusionMatrix cm = new ConfusionMatrix(3);
    cm.update(Tensor.of(1, 2, 1), Tensor.of(2, 2, 1));
    cm.update(Tensor.of(new long[] {0, 1}), Tensor.of(new long[] {0, 2}), Tensor.of(0.5f, 2f));
    Tensor r = cm.result();
    assertThat(r.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(r.shape()).isEqualTo(Shape.of(3, 3));
    assertThat(r.doubleData()).containsExactly(0.5, 0, 0, 0, 1, 3, 0, 0, 1);
    Tensor once = ConfusionMatrix.of(Tensor.of(0, 1, 1), Tensor.of(0, 0, 1), 2);
    assertThat(once.dtype()).isEqualTo(DType.INT32);
    assertThat(once.intData()).containsExactly(1, 0, 1, 1);
    assertThatThrownBy(() -> cm.update(Tensor.of(3), Tensor.of(0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("confusion_matrix: label 3 or prediction 0 at index 0 is outside [0, 3)");
    assertThatThrownBy(() -> cm.update(Tensor.of(1f), Tensor.of(0)))
        .hasMessageStartingWith("confusion_matrix: labels and predictions must be integers");
    cm.reset();
    assertThat(cm.result().doubleData()).containsOnly(0.0);
  }

  @Test
  void topKAccuracyCountsTiesAsHits() {
    Tensor logits = Tensor.of(new float[][] {{0.1f, 0.8f, 0.1f}, {0.5f, 0.2f, 0.3f}});
    Tensor targets = Tensor.of(1, 1);
    double[] expected = {0.5, 0.5, 1.0};
    for (int k = 1; k <= 3; k++) {
      TopKAccuracy top = new TopKAccuracy(k);
      top.update(logits, targets);
      assertThat(top.doubleValue()).as("k=" + k).isEqualTo(expected[k - 1]);
    }
    TopKAccuracy top1 = new TopKAccuracy(1);
    top1.update(Tensor.of(new float[][] {{0.5f, 0.5f, 0f}}), Tensor.of(1));
    assertThat(top1.doubleValue()).isEqualTo(1.0);
    top1.update(logits, targets, Tensor.of(0f, 3f));       // (1 + 0) / (1 + 3)
    assertThat(top1.doubleValue()).isEqualTo(0.25);
    assertThat(top1.name()).isEqualTo("accuracy_at_1");
    assertThatThrownBy(() -> top1.update(Tensor.of(1f, 2f), Tensor.of(0)))
        .hasMessageStartingWith("accuracy_at_1: expected predictions [batch, classes]");
  }
}
