package dev.rill.nn.metrics;

import dev.rill.core.Tensor;

/**
 * A metric computed from weighted counts of true/false positives/negatives of bool-cast labels
 * and predictions; subclasses say which ratio.
 */
abstract class CountsMetric implements Metric {
  private final String name;
  final Counts counts = new Counts();

  CountsMetric(String name) {
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
  public void reset() {
    counts.reset();
  }

  public float truePositives() {
    return counts.truePositives();
  }

  /** {@code num / (num + other)}, or 0 when both are 0 (TF's metrics never divide by zero). */
  static Tensor ratio(float num, float other) {
    return Tensor.scalar(num + other > 0 ? num / (num + other) : 0f);
  }
}
