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
public final class Recall extends CountsMetric {
  public Recall() {
    this("recall");
  }

  public Recall(String name) {
    super(name);
  }

  @Override
  public Tensor result() {
    return ratio(counts.truePositives(), counts.falseNegatives());
  }

  public float falseNegatives() {
    return counts.falseNegatives();
  }
}
