package dev.rill.nn.metrics;

import dev.rill.core.Tensor;

/**
 * {@code tf.compat.v1.metrics.precision}: labels and predictions cast to bool (non-zero is true),
 * weighted float32 counts of true and false positives, result {@code tp / (tp + fp)}, or 0 when
 * nothing was predicted positive.
 *
 * {@snippet :
 * Precision p = new Precision();
 * p.update(Tensor.of(0, 1, 1, 0), Tensor.of(1, 0, 1, 0));   // 1 / 2
 * }
 */
public final class Precision implements Metric {
  private final String name;
  private final Counts counts = new Counts();

  public Precision() {
    this("precision");
  }

  public Precision(String name) {
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
    float fp = counts.falsePositives();
    return Tensor.scalar(tp + fp > 0 ? tp / (tp + fp) : 0f);
  }

  @Override
  public void reset() {
    counts.reset();
  }

  public float truePositives() {
    return counts.truePositives();
  }

  public float falsePositives() {
    return counts.falsePositives();
  }
}
