package dev.rill.nn.metrics;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;

/** TF's input handling shared by the metrics: squeezable dimensions and weight broadcasting. */
final class MetricInputs {
  private MetricInputs() {}

  /**
   * TF's {@code remove_squeezable_dimensions}: when one of labels and predictions has one more
   * axis than the other and that last axis has size 1, it is dropped; then the shapes must match.
   * Returns {labels, predictions}.
   */
  static Tensor[] matchShapes(String metric, Tensor labels, Tensor predictions) {
    Tensor l = labels;
    Tensor p = predictions;
    if (l.rank() == p.rank() + 1 && l.shape().dim(l.rank() - 1) == 1) {
      l = ArrayOps.squeeze(l, l.rank() - 1);
    } else if (p.rank() == l.rank() + 1 && p.shape().dim(p.rank() - 1) == 1) {
      p = ArrayOps.squeeze(p, p.rank() - 1);
    }
    if (!l.shape().equals(p.shape())) {
      throw new InvalidArgumentException(metric + ": labels of shape " + labels.shape()
          + " do not match predictions of shape " + predictions.shape());
    }
    return new Tensor[] {l, p};
  }

  /**
   * The weights, cast to float32 and broadcast to {@code values} (TF's
   * {@code broadcast_weights}, after a last axis of size 1 is squeezed or added to match ranks);
   * null when {@code weights} is null (every weight 1).
   */
  static float[] weights(String metric, Tensor weights, Shape values) {
    if (weights == null) {
      return null;
    }
    if (!weights.dtype().isNumeric() && weights.dtype() != DType.BOOL) {
      throw new InvalidArgumentException(metric + ": weights must be numeric, got "
          + weights.dtype());
    }
    Tensor w = weights.cast(DType.FLOAT32);
    if (w.rank() > 0) {
      if (w.rank() == values.rank() + 1 && w.shape().dim(w.rank() - 1) == 1) {
        w = ArrayOps.squeeze(w, w.rank() - 1);
      } else if (values.rank() == w.rank() + 1) {
        w = ArrayOps.expandDims(w, w.rank());
      }
      boolean ok = w.rank() == values.rank();
      for (int i = 0; ok && i < w.rank(); i++) {
        ok = w.shape().dim(i) == 1 || w.shape().dim(i) == values.dim(i);
      }
      if (!ok) {
        throw new InvalidArgumentException(metric + ": weights of shape " + weights.shape()
            + " cannot be broadcast to values of shape " + values);
      }
    }
    return ArrayOps.broadcastTo(w, values).floatData();
  }

  /** The values as float32 numbers (booleans as 0/1). */
  static float[] floats(Tensor t) {
    return t.dtype() == DType.FLOAT32 ? t.floatData() : t.toFloatArray();
  }

  /** TF's cast to bool: non-zero is true. */
  static boolean[] bools(Tensor t) {
    if (t.dtype() == DType.BOOL) {
      return t.boolData();
    }
    boolean[] out = new boolean[t.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.getDouble(i) != 0;
    }
    return out;
  }

  /** {@code x / y}, or 0 when y is 0 ({@code div_no_nan}). */
  static float divNoNan(float x, float y) {
    return y == 0f ? 0f : x / y;
  }
}
