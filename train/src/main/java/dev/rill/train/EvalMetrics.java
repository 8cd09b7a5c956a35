package dev.rill.train;

import dev.rill.nn.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Metrics that accumulate over a whole evaluation. A model function runs once per batch; it asks
 * for its metrics by name here, and gets the same accumulating instance every batch of one
 * {@code evaluate} call (TensorFlow keeps them in local variables of the eval graph).
 *
 * {@snippet :
 * Accuracy accuracy = EvalMetrics.get("accuracy", Accuracy::new);
 * accuracy.update(labels, predictedClasses);
 * return EstimatorSpec.eval(loss, Map.of("accuracy", accuracy));
 * }
 */
public final class EvalMetrics {
  private static final ThreadLocal<Map<String, Metric>> CURRENT = new ThreadLocal<>();

  private EvalMetrics() {}

  /**
   * The metric called {@code name} in the evaluation under way, created by {@code create} on the
   * first batch. Outside an evaluation every call makes a fresh one.
   */
  @SuppressWarnings("unchecked")
  public static <M extends Metric> M get(String name, Supplier<M> create) {
    Map<String, Metric> m = CURRENT.get();
    if (m == null) {
      return create.get();
    }
    return (M) m.computeIfAbsent(name, k -> create.get());
  }

  /** Runs an evaluation body with a fresh set of metrics; returns them by name. */
  static Map<String, Metric> collect(Runnable body) {
    Map<String, Metric> previous = CURRENT.get();
    Map<String, Metric> metrics = new LinkedHashMap<>();
    CURRENT.set(metrics);
    try {
      body.run();
    } finally {
      CURRENT.set(previous);
    }
    return metrics;
  }
}
