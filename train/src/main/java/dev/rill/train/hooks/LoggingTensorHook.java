package dev.rill.train.hooks;

import dev.rill.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs named tensors every N steps, as {@code tf.train.LoggingTensorHook}: the tutorial's
 * {@code {"probabilities": "softmax_tensor"}} every 50 iterations.
 *
 * {@snippet :
 * new LoggingTensorHook(Map.of("probabilities", "softmax_tensor"), 50);
 * }
 */
public final class LoggingTensorHook implements Hook {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingTensorHook.class);

  private final Map<String, String> tensors;
  private final int everyNIter;
  private final StringBuilder lastLine = new StringBuilder();
  private long stepsSeen;

  /**
   * @param tensors label to log under, mapped to the name given with {@code StepTensors.name}
   * @param everyNIter log on the first step, then every this many steps
   */
  public LoggingTensorHook(Map<String, String> tensors, int everyNIter) {
    if (everyNIter < 1) {
      throw new IllegalArgumentException("LoggingTensorHook: everyNIter must be >= 1, got "
          + everyNIter);
    }
    this.tensors = new LinkedHashMap<>(tensors);
    this.everyNIter = everyNIter;
  }

  @Override
  public void afterStep(StepResult step) {
    if (stepsSeen++ % everyNIter != 0) {
      return;
    }
    lastLine.setLength(0);
    for (Map.Entry<String, String> e : tensors.entrySet()) {
      Tensor t = step.tensors().get(e.getValue());
      if (t == null) {
        throw new IllegalStateException("LoggingTensorHook: no tensor named '" + e.getValue()
            + "' in this step; named tensors are " + step.tensors().keySet());
      }
      if (!lastLine.isEmpty()) {
        lastLine.append(", ");
      }
      lastLine.append(e.getKey()).append(" = ").append(t);
    }
    LOG.info("{}", lastLine);
  }

  /** The last line logged (empty before the first). */
  public String lastLine() {
    return lastLine.toString();
  }
}
