package dev.rill.nn.metrics;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import java.util.Arrays;

/**
 * How often predictions equal labels, {@code tf.compat.v1.metrics.accuracy}: the weighted mean of
 * {@code predictions == labels}, with predictions cast to the labels' dtype first (as TF does:
 * float predictions against integer labels are truncated).
 *
 * {@snippet :
 * Accuracy acc = new Accuracy();
 * acc.update(Tensor.of(1, 2, 3), Tensor.of(0, 2, 3));   // 2/3
 * }
 */
public final class Accuracy implements Metric {
  private final Mean mean;

  public Accuracy() {
    this("accuracy");
  }

  public Accuracy(String name) {
    mean = new Mean(name);
  }

  @Override
  public String name() {
    return mean.name();
  }

  @Override
  public Tensor result() {
    return mean.result();
  }

  @Override
  public void reset() {
    mean.reset();
  }

  public void update(Tensor labels, Tensor predictions) {
    update(labels, predictions, null);
  }

  /** Weighted by {@code weights} (null for 1 each), broadcast to the labels' shape. */
  public void update(Tensor labels, Tensor predictions, Tensor weights) {
    Tensor[] lp = MetricInputs.matchShapes(name(), labels, predictions);
    Tensor l = lp[0];
    Tensor p = lp[1];
    float[] correct = new float[l.size()];
    if (l.dtype() == DType.STRING || p.dtype() == DType.STRING) {
      if (l.dtype() != p.dtype()) {
        throw new dev.rill.core.InvalidArgumentException(name() + ": cannot compare "
            + l.dtype() + " labels with " + p.dtype() + " predictions");
      }
      for (int i = 0; i < correct.length; i++) {
        correct[i] = Arrays.equals(l.stringData()[i], p.stringData()[i]) ? 1f : 0f;
      }
    } else {
      for (int i = 0; i < correct.length; i++) {
        correct[i] = l.getDouble(i) == castTo(l.dtype(), p.getDouble(i)) ? 1f : 0f;
      }
    }
    mean.add(correct, MetricInputs.weights(name(), weights, l.shape()));
  }

  /** {@code v} converted as TF's Cast to {@code dtype} would. */
  private static double castTo(DType dtype, double v) {
    return switch (dtype) {
      case FLOAT32 -> (float) v;
      case INT32 -> (int) v;
      case INT64 -> (long) v;
      case UINT8 -> ((long) v) & 0xff;
      case BOOL -> v != 0 ? 1 : 0;
      default -> v;
    };
  }
}
