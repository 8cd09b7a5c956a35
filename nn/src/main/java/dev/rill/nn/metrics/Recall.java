package dev.rill.nn.metrics;

import dev.rill.core.Tensor;

/**
 * {@code tf.compat.v1.metrics.recall}: labels and predictions cast to bool (non-zero is true),
 * weighted float32 counts of true positives and false negatives, result {@code tp / (tp + fn)},
 * or 0 when there was no positive label.
 *
 * {@snippet :
 * Recall r = new Recall();
 * r.update(Tensor.of(0, 1, 1, 0), Tensor.of(1, 0, 1, 0));   // 1 / 2
 * }
 */
public final class Recall implements Metric {
  private final String name;
  private final Counts counts = new Counts();

  public Recall() {
    this("recall");
  }

  public Recall(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  public void update(Tensor labels, Tensor predictions) {
    update(labels, predictions, null);
  }

  public void update(Tensor labels, Tensor predictions, Tensor weights) {
    counts.update(name, labels, predictions, weights);
  }

  @Override
  public Tensor result() {
    float tp = counts.truePositives();
    float fn = counts.falseNegatives();
    return Tensor.scalar(tp + fn > 0 ? tp / (tp + fn) : 0f);
  }

  @Override
  public void reset() {
    counts.reset();
  }

  public float truePositives() {
    return counts.truePositives();
  }

  public float falseNegatives() {
    return counts.falseNegatives();
  }
}
