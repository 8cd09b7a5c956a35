package dev.rill.train.hooks;

import dev.rill.core.Tensor;
import java.util.Map;

/**
 * Stops training when the loss, or any tensor the model named, holds a NaN: the eager form of
 * {@code tf.train.NanTensorHook}. The error names the step and the tensor.
 */
public final class NanTensorHook implements Hook {
  /** Training produced a NaN. */
  public static final class NanLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NanLossException(String message) {
      super(message);
    }
  }

  @Override
  public void afterStep(StepResult step) {
    if (hasNaN(step.loss())) {
      throw new NanLossException("NaN loss during training at step " + step.globalStep());
    }
    for (Map.Entry<String, Tensor> e : step.tensors().entrySet()) {
      if (hasNaN(e.getValue())) {
        throw new NanLossException("tensor '" + e.getKey() + "' " + e.getValue().shape()
            + " holds NaN at step " + step.globalStep());
      }
    }
  }

  private static boolean hasNaN(Tensor t) {
    if (t == null || !t.dtype().isFloating()) {
      return false;
    }
    for (double v : t.toDoubleArray()) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
