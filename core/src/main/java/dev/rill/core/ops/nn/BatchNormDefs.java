package dev.rill.core.ops.nn;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.autodiff.Tapes;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.Arrays;
import java.util.List;

/**
 * {@code FusedBatchNormV3} and its gradient {@code FusedBatchNormGradV3}, on NHWC input with
 * per-channel scale, offset, mean and variance.
 *
 * <p>Training mode normalises with the batch mean and the biased batch variance, and returns the
 * Bessel-corrected variance ({@code * n / (n - 1)}) as {@code batch_variance}, for moving averages;
 * inference mode uses the given mean and variance. Outputs: y, batch_mean, batch_variance and three
 * reserve spaces (the saved mean, the saved biased variance, and an empty placeholder) that the
 * gradient op takes back.
 *
 * {@snippet :
 * var attrs = new BatchNormDefs.Attrs(1e-3f, 1f, "NHWC", true);
 * List<Tensor> out = Exec.run(BatchNormDefs.FUSED_BATCH_NORM_V3, attrs, x, scale, offset, mean, var);
 * }
 */
public final class BatchNormDefs {
  private BatchNormDefs() {}

  private static final String FORWARD = "FusedBatchNormV3";
  private static final String BACKWARD = "FusedBatchNormGradV3";

  /**
   * @param epsilon added to the variance before its square root (TensorFlow's default 1e-4)
   * @param exponentialAvgFactor in training, batch_mean = (1 - f) * mean + f * batch mean (and
   *     likewise the variance); 1 ignores the given mean and variance
   * @param dataFormat only {@code NHWC}
   * @param isTraining normalise with batch statistics rather than the given ones
   */
  public record Attrs(float epsilon, float exponentialAvgFactor, String dataFormat,
      boolean isTraining) {
    public static final float EPSILON_DEFAULT = 1e-4f;

    public static Attrs of(float epsilon, boolean isTraining) {
      return new Attrs(epsilon, 1f, "NHWC", isTraining);
    }
  }

  /** The gradient op's attributes: those of the forward op it differentiates. */
  public record GradAttrs(float epsilon, String dataFormat, boolean isTraining) {}

  /** Inputs x, scale, offset, mean, variance; outputs y, batch_mean, batch_variance, 3 reserves. */
  public static final OpDef<Attrs> FUSED_BATCH_NORM_V3 = OpDef.of(FORWARD,
      BatchNormDefs::inferForward,
      (a, in, out) -> forward(a, in),
      (n, dy) -> {
        Tensor g = dy.get(0);
        if (g == null) {
          return Arrays.asList(null, null, null, null, null);
        }
        Attrs a = n.attr();
        List<Tensor> grads;
        if (Tapes.recording()) {
          // an enclosing tape records this gradient: build it from ops it can differentiate
          grads = BatchNormGrads.composite(g, n.input(0), n.input(1), n.input(3), n.input(4),
              a.epsilon(), a.isTraining());
        } else {
          grads = Exec.run(BatchNormDefs.FUSED_BATCH_NORM_GRAD_V3,
              new GradAttrs(a.epsilon(), a.dataFormat(), a.isTraining()),
              g, n.input(0), n.input(1), n.output(3), n.output(4), n.output(5));
        }
        // as TensorFlow: no gradient for the mean and variance inputs
        return Arrays.asList(grads.get(0), grads.get(1), grads.get(2), null, null);
      });

  /**
   * Inputs y_backprop, x, scale, reserve_space_1 (mean), reserve_space_2 (variance),
   * reserve_space_3; outputs x_backprop, scale_backprop, offset_backprop and two unused scalars.
   * Not differentiable itself: second-order gradients of batch norm use a composite instead.
   */
  public static final OpDef<GradAttrs> FUSED_BATCH_NORM_GRAD_V3 = OpDef.of(BACKWARD,
      BatchNormDefs::inferBackward,
      (a, in, out) -> backward(a, in),
      null);

  private static List<Tensor> forward(Attrs a, List<Tensor> in) {
    Tensor x = in.get(0);
    DType u = in.get(1).dtype();
    int c = x.shape().dim(3);
    int rows = x.shape().size(0, 3);
    double eps = a.epsilon();
    double[] scale = in.get(1).toDoubleArray();
    double[] offset = in.get(2).toDoubleArray();
    double[] mean;
    double[] var;
    double[] outMean;
    double[] outVar;
    if (a.isTraining()) {
      double[][] m = BatchNormKernel.moments(x, rows, c);
      mean = m[0];
      var = m[1];
      outMean = mean.clone();
      outVar = new double[c];
      double bessel = rows > 1 ? (double) rows / (rows - 1) : 1;
      double f = a.exponentialAvgFactor();
      double[] oldMean = f == 1 ? null : in.get(3).toDoubleArray();
      double[] oldVar = f == 1 ? null : in.get(4).toDoubleArray();
      for (int k = 0; k < c; k++) {
        outVar[k] = var[k] * bessel;
        if (f != 1) {
          outMean[k] = (1 - f) * oldMean[k] + f * outMean[k];
          outVar[k] = (1 - f) * oldVar[k] + f * outVar[k];
        }
      }
    } else {
      mean = in.get(3).toDoubleArray();
      var = in.get(4).toDoubleArray();
      outMean = mean.clone();
      outVar = var.clone();
    }
    double[] factor = new double[c];
    for (int k = 0; k < c; k++) {
      factor[k] = scale[k] / Math.sqrt(var[k] + eps);
    }
    Tensor y = BatchNormKernel.affine(x, mean, factor, offset, c);
    double[] saveMean = mean;
    double[] saveVar = var;
    if (rows == 0) {
      // TensorFlow's convention for an empty batch: NaN statistics, zero reserves
      Arrays.fill(outMean, Double.NaN);
      Arrays.fill(outVar, Double.NaN);
      saveMean = new double[c];
      saveVar = new double[c];
    }
    return List.of(y, BatchNormKernel.vector(u, outMean), BatchNormKernel.vector(u, outVar),
        BatchNormKernel.vector(u, saveMean), BatchNormKernel.vector(u, saveVar),
        BatchNormKernel.vector(u, new double[0]));
  }

  private static List<Tensor> backward(GradAttrs a, List<Tensor> in) {
    Tensor dy = in.get(0);
    Tensor x = in.get(1);
    DType u = in.get(2).dtype();
    int c = x.shape().dim(3);
    int rows = x.shape().size(0, 3);
    double[] scale = in.get(2).toDoubleArray();
    double[] mean = in.get(3).toDoubleArray();
    double[] var = in.get(4).toDoubleArray();
    double[] sums = BatchNormKernel.gradSums(dy, x, mean, rows, c);
    double[] k1 = new double[c];
    double[] k2 = new double[c];
    double[] k3 = new double[c];
    double[] dScale = new double[c];
    double[] dOffset = new double[c];
    for (int k = 0; k < c; k++) {
      double inv = 1 / Math.sqrt(var[k] + a.epsilon());
      double sumDy = sums[k];
      double sumDyXhat = sums[c + k] * inv;
      dScale[k] = sumDyXhat;
      dOffset[k] = sumDy;
      k1[k] = scale[k] * inv;
      if (a.isTraining() && rows > 0) {
        // dx = scale * inv * (dy - mean(dy) - xhat * mean(dy * xhat)), xhat = (x - mean) * inv
        k2[k] = -k1[k] * inv * sumDyXhat / rows;
        k3[k] = -k1[k] * sumDy / rows;
      }
    }
    Tensor dx = BatchNormKernel.combine(dy, k1, x, mean, k2, k3, c);
    Tensor unused = Tensor.scalarOf(u, 0);
    return List.of(dx, BatchNormKernel.vector(u, dScale), BatchNormKernel.vector(u, dOffset),
        unused, unused);
  }

  private static List<TensorSpec> inferForward(Attrs a, List<TensorSpec> in) {
    TensorSpec x = checkInput(FORWARD, a.dataFormat(), in.get(0), "x");
    int c = x.shape().dim(3);
    checkVector(FORWARD, in.get(1), "scale", x, c, false);
    checkVector(FORWARD, in.get(2), "offset", x, c, false);
    // in training with no averaging, mean and variance are unused and may be empty
    boolean mayBeEmpty = a.isTraining() && a.exponentialAvgFactor() == 1f;
    checkVector(FORWARD, in.get(3), "mean", x, c, mayBeEmpty);
    checkVector(FORWARD, in.get(4), "variance", x, c, mayBeEmpty);
    DType u = in.get(1).dtype();
    TensorSpec vec = TensorSpec.of(u, c);
    return List.of(x, vec, vec, vec, vec, TensorSpec.of(u, 0));
  }

  private static List<TensorSpec> inferBackward(GradAttrs a, List<TensorSpec> in) {
    TensorSpec dy = checkInput(BACKWARD, a.dataFormat(), in.get(0), "y_backprop");
    TensorSpec x = checkInput(BACKWARD, a.dataFormat(), in.get(1), "x");
    if (!dy.equals(x)) {
      throw InvalidArgumentException.of(BACKWARD, "y_backprop and x must have the same dtype and "
          + "shape, got y_backprop " + dy + " and x " + x);
    }
    int c = x.shape().dim(3);
    checkVector(BACKWARD, in.get(2), "scale", x, c, false);
    checkVector(BACKWARD, in.get(3), "reserve_space_1", x, c, false);
    checkVector(BACKWARD, in.get(4), "reserve_space_2", x, c, false);
    DType u = in.get(2).dtype();
    return List.of(x, TensorSpec.of(u, c), TensorSpec.of(u, c), TensorSpec.of(u),
        TensorSpec.of(u));
  }

  private static TensorSpec checkInput(String op, String format, TensorSpec x, String name) {
    if (!"NHWC".equals(format)) {
      throw InvalidArgumentException.of(op, "only data_format NHWC is supported, got "
          + "data_format=" + format);
    }
    Elementwise.requireDType(op, x.dtype(), Elementwise.FLOATS);
    if (x.shape().rank() != 4) {
      throw InvalidArgumentException.of(op, name + " must be 4-dimensional (NHWC), got shape "
          + x.shape());
    }
    return x;
  }

  private static void checkVector(String op, TensorSpec v, String name, TensorSpec x, int c,
      boolean mayBeEmpty) {
    if (v.dtype() != x.dtype()) {
      throw InvalidArgumentException.of(op, name + " must have the dtype of x (" + x.dtype()
          + "), got " + v.dtype());
    }
    Shape s = v.shape();
    boolean ok = s.rank() == 1 && (s.dim(0) == c || (mayBeEmpty && s.dim(0) == 0));
    if (!ok) {
      throw InvalidArgumentException.of(op, name + " must be a vector with one element per "
          + "channel of x " + x.shape() + " (" + c + "), got shape " + s);
    }
  }
}
