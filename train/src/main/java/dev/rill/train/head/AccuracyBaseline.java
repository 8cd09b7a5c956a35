package dev.rill.train.head;

import dev.rill.core.Tensor;
import dev.rill.nn.metrics.Mean;
import dev.rill.nn.metrics.Metric;

/**
 * The accuracy of always predicting the more frequent class, {@code max(m, 1 - m)} with {@code m}
 * the weighted label mean so far: a binary head's {@code accuracy_baseline}. It reads the head's
 * {@code label/mean} metric, so it needs no update of its own and resets with it.
 */
public final class AccuracyBaseline implements Metric {
  private final String name;
  private final Mean labelMean;

  public AccuracyBaseline(String name, Mean labelMean) {
    this.name = name;
    this.labelMean = labelMean;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Tensor result() {
    float total = labelMean.total();
    float count = labelMean.count();
    // as TF: the baseline's total is max(total, count - total) over the same count
    float top = Math.max(total, count - total);
    return Tensor.scalar(count == 0f ? 0f : top / count);
  }

  @Override
  public void reset() {
    labelMean.reset();
  }
}
