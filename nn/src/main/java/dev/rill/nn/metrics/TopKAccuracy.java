package dev.rill.nn.metrics;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;

/**
 * How often the target class is among the {@code k} highest predictions: the weighted mean of
 * {@code tf.nn.in_top_k(predictions, targets, k)} as TF1 models compute top-k accuracy
 * ({@code tf.metrics.mean(tf.nn.in_top_k(...))}). Ties count in the target's favour (fewer than k
 * classes strictly above it); rows with a non-finite prediction count as misses.
 *
 * {@snippet :
 * TopKAccuracy top5 = new TopKAccuracy(5);
 * top5.update(logits, labels);   // logits [batch, classes], labels [batch]
 * }
 */
public final class TopKAccuracy implements Metric {
  private final int k;
  private final Mean mean;

  public TopKAccuracy(int k) {
    this(k, "accuracy_at_" + k);
  }

  public TopKAccuracy(int k, String name) {
    if (k < 1) {
      throw new InvalidArgumentException(name + ": k must be at least 1, got " + k);
    }
    this.k = k;
    this.mean = new Mean(name);
  }

  public int k() {
    return k;
  }

  @Override
  public String name() {
    return mean.name();
  }

  /** {@code predictions} of shape [batch, classes], integer {@code targets} of shape [batch]. */
  public void update(Tensor predictions, Tensor targets) {
    update(predictions, targets, null);
  }

  public void update(Tensor predictions, Tensor targets, Tensor weights) {
    if (predictions.rank() != 2 || targets.rank() != 1
        || targets.shape().dim(0) != predictions.shape().dim(0)) {
      throw new InvalidArgumentException(name() + ": expected predictions [batch, classes] and "
          + "targets [batch], got " + predictions.shape() + " and " + targets.shape());
    }
    Tensor hit = ArrayOps.inTopK(predictions.cast(dev.rill.core.DType.FLOAT32), targets, k);
    mean.add(MetricInputs.floats(hit), MetricInputs.weights(name(), weights, targets.shape()));
  }

  @Override
  public Tensor result() {
    return mean.result();
  }

  @Override
  public void reset() {
    mean.reset();
  }
}
