package dev.rill.nn.metrics;

import dev.rill.core.Tensor;

/**
 * A value accumulated over the batches of one evaluation, as TF1's {@code (value, update_op)}
 * pairs: {@code update(...)} per batch (each metric has its own signature), {@link #result()} at
 * any time, {@link #reset()} before the next evaluation. Metrics are not thread-safe; update each
 * from one thread.
 *
 * {@snippet :
 * Accuracy acc = new Accuracy();
 * for (Batch b : batches) {
 *   acc.update(b.labels(), ReduceOps.argMax(logits(b), 1));
 * }
 * double accuracy = acc.doubleValue();
 * }
 */
public interface Metric {
  /** The name TF gives this metric in an Estimator's evaluation results ({@code accuracy}). */
  String name();

  /** The current value: a float32 scalar for most metrics. */
  Tensor result();

  /** Forgets everything accumulated. */
  void reset();

  /** The result as a double; only for scalar results. */
  default double doubleValue() {
    return result().doubleValue();
  }
}
