package dev.rill.nn.metrics;

import dev.rill.core.Tensor;

/**
 * The weighted mean of all values seen, {@code tf.compat.v1.metrics.mean}: float32 {@code total}
 * and {@code count}, {@code total += sum(values * weights)}, {@code count += sum(weights)} (the
 * number of values when unweighted), result {@code total / count}, or 0 before any weight.
 *
 * {@snippet :
 * Mean loss = new Mean("loss");
 * loss.update(Tensor.of(1f, 2f, 3f));          // 2
 * loss.update(Tensor.of(10f), Tensor.of(2f));  // (6 + 20) / 5 = 5.2
 * }
 */
public final class Mean implements Metric {
  private final String name;
  private float total;
  private float count;

  public Mean() {
    this("mean");
  }

  public Mean(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Adds every value with weight 1. */
  public void update(Tensor values) {
    update(values, null);
  }

  /**
   * Adds each value with its weight; weights (or null for 1) are a scalar or broadcast to the
   * values' shape.
   */
  public void update(Tensor values, Tensor weights) {
    float[] v = MetricInputs.floats(values);
    float[] w = MetricInputs.weights(name, weights, values.shape());
    add(v, w);
  }

  /** Adds values (already float) with optional broadcast weights. */
  final void add(float[] v, float[] w) {
    double sum = 0;
    double num = 0;
    for (int i = 0; i < v.length; i++) {
      if (w == null) {
        sum += v[i];
      } else {
        sum += v[i] * w[i];
        num += w[i];
      }
    }
    total += (float) sum;
    count += w == null ? (float) v.length : (float) num;
  }

  @Override
  public Tensor result() {
    return Tensor.scalar(MetricInputs.divNoNan(total, Math.max(count, 0f)));
  }

  @Override
  public void reset() {
    total = 0;
    count = 0;
  }

  /** The accumulated weighted sum. */
  public float total() {
    return total;
  }

  /** The accumulated weight. */
  public float count() {
    return count;
  }
}
