package dev.rill.train;

import dev.rill.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names for tensors of the step under way, so hooks can log them: the eager counterpart of
 * {@code tf.nn.softmax(logits, name="softmax_tensor")}.
 *
 * {@snippet :
 * Tensor probabilities = StepTensors.name("softmax_tensor", NnOps.softmax(logits));
 * }
 */
public final class StepTensors {
  private static final ThreadLocal<Map<String, Tensor>> CURRENT = new ThreadLocal<>();

  private StepTensors() {}

  /** Names {@code t} for this step's hooks and returns it. */
  public static Tensor name(String name, Tensor t) {
    Map<String, Tensor> m = CURRENT.get();
    if (m != null) {
      m.put(name, t);
    }
    return t;
  }

  static Map<String, Tensor> begin() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    CURRENT.set(m);
    return m;
  }

  static void end() {
    CURRENT.remove();
  }
}
