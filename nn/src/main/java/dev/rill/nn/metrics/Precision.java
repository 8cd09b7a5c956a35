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
public final class Precision extends CountsMetric {
  public Precision() {
    this("precision");
  }

  public Precision(String name) {
    super(name);
  }

  @Override
  public Tensor result() {
    return ratio(counts.truePositives(), counts.falsePositives());
  }

  public float falsePositives() {
    return counts.falsePositives();
  }
}
