package dev.rill.core.ops.nn;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.Parallel;
import java.util.List;

/**
 * Fused softmax cross-entropy: per row, {@code loss = sum_j labels_j (logsumexp(x) - x_j)} and
 * {@code backprop = softmax(x) - labels}, from one pass over the shifted logits.
 */
final class CrossEntropyKernel {
  private CrossEntropyKernel() {}

  /**
   * Dense labels. Either input may have a batch of 1 that broadcasts against the other's.
   *
   * @return loss [batch] and backprop [batch, classes]
   */
  static List<Tensor> dense(Tensor logits, Tensor labels, int batch) {
    int classes = logits.shape().dim(1);
    boolean logitsRepeat = logits.shape().dim(0) != batch;
    boolean labelsRepeat = labels.shape().dim(0) != batch;
    Shape outShape = Shape.of(batch, classes);
    int grain = SoftmaxKernel.rowGrain(classes);
    if (logits.dtype() == DType.FLOAT32) {
      float[] x = logits.floatData();
      float[] z = labels.floatData();
      float[] loss = new float[batch];
      float[] back = new float[batch * classes];
      Parallel.range(batch, grain, (from, to) -> {
        for (int b = from; b < to; b++) {
          int xo = logitsRepeat ? 0 : b * classes;
          int zo = labelsRepeat ? 0 : b * classes;
          int bo = b * classes;
          float max = SoftmaxKernel.maxFloat(x, xo, classes);
          double sum = expInto(x, xo, classes, max, back, bo);
          double lse = Math.log(sum);
          double l = 0;
          for (int j = 0; j < classes; j++) {
            l += z[zo + j] * (lse - (x[xo + j] - max));
            back[bo + j] = (float) (back[bo + j] / sum - z[zo + j]);
          }
          loss[b] = (float) l;
        }
      });
      return List.of(Tensor.wrap(DType.FLOAT32, Shape.of(batch), loss),
          Tensor.wrap(DType.FLOAT32, outShape, back));
    }
    double[] x = logits.doubleData();
    double[] z = labels.doubleData();
    double[] loss = new double[batch];
    double[] back = new double[batch * classes];
    Parallel.range(batch, grain, (from, to) -> {
      for (int b = from; b < to; b++) {
        int xo = logitsRepeat ? 0 : b * classes;
        int zo = labelsRepeat ? 0 : b * classes;
        int bo = b * classes;
        double max = SoftmaxKernel.maxDouble(x, xo, classes);
        double sum = expInto(x, xo, classes, max, back, bo);
        double lse = Math.log(sum);
        double l = 0;
        for (int j = 0; j < classes; j++) {
          l += z[zo + j] * (lse - (x[xo + j] - max));
          back[bo + j] = back[bo + j] / sum - z[zo + j];
        }
        loss[b] = l;
      }
    });
    return List.of(Tensor.wrap(DType.FLOAT64, Shape.of(batch), loss),
        Tensor.wrap(DType.FLOAT64, outShape, back));
  }

  /** Class-index labels; an index outside {@code [0, classes)} is an error naming it. */
  static List<Tensor> sparse(String op, Tensor logits, Tensor labels) {
    int batch = logits.shape().dim(0);
    int classes = logits.shape().dim(1);
    int[] index = classIndices(op, labels, classes);
    int grain = SoftmaxKernel.rowGrain(classes);
    if (logits.dtype() == DType.FLOAT32) {
      float[] x = logits.floatData();
      float[] loss = new float[batch];
      float[] back = new float[batch * classes];
      Parallel.range(batch, grain, (from, to) -> {
        for (int b = from; b < to; b++) {
          int o = b * classes;
          float max = SoftmaxKernel.maxFloat(x, o, classes);
          double sum = expInto(x, o, classes, max, back, o);
          float inv = (float) (1 / sum);
          for (int j = 0; j < classes; j++) {
            back[o + j] *= inv;
          }
          int k = index[b];
          back[o + k] -= 1f;
          loss[b] = (float) (Math.log(sum) - (x[o + k] - max));
        }
      });
      return List.of(Tensor.wrap(DType.FLOAT32, Shape.of(batch), loss),
          Tensor.wrap(DType.FLOAT32, logits.shape(), back));
    }
    double[] x = logits.doubleData();
    double[] loss = new double[batch];
    double[] back = new double[batch * classes];
    Parallel.range(batch, grain, (from, to) -> {
      for (int b = from; b < to; b++) {
        int o = b * classes;
        double max = SoftmaxKernel.maxDouble(x, o, classes);
        double sum = expInto(x, o, classes, max, back, o);
        for (int j = 0; j < classes; j++) {
          back[o + j] /= sum;
        }
        int k = index[b];
        back[o + k] -= 1;
        loss[b] = Math.log(sum) - (x[o + k] - max);
      }
    });
    return List.of(Tensor.wrap(DType.FLOAT64, Shape.of(batch), loss),
        Tensor.wrap(DType.FLOAT64, logits.shape(), back));
  }

  /** Writes exp(x_j - max) of a row to {@code out} and returns their sum. */
  private static double expInto(float[] x, int off, int n, float max, float[] out, int outOff) {
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double e = Math.exp(x[off + j] - max);
      out[outOff + j] = (float) e;
      sum += e;
    }
    return sum;
  }

  private static double expInto(double[] x, int off, int n, double max, double[] out, int outOff) {
    double sum = 0;
    for (int j = 0; j < n; j++) {
      out[outOff + j] = Math.exp(x[off + j] - max);
      sum += out[outOff + j];
    }
    return sum;
  }

  /** The labels as ints, or an error naming the first label outside {@code [0, classes)}. */
  private static int[] classIndices(String op, Tensor labels, int classes) {
    long[] values = labels.toLongArray();
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      long v = values[i];
      if (v < 0 || v >= classes) {
        throw InvalidArgumentException.of(op, "received a label value of " + v
            + " which is outside the valid range of [0, " + classes + ") (" + classes
            + " classes), at batch index " + i + "; label values: " + preview(values));
      }
      out[i] = (int) v;
    }
    return out;
  }

  private static String preview(long[] values) {
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(values.length, 20);
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? "" : " ").append(values[i]);
    }
    return values.length > shown ? sb.append(" ...").toString() : sb.toString();
  }
}
