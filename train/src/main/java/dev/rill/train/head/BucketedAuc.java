package dev.rill.train.head;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.DType;
import dev.rill.nn.metrics.Metric;
import java.util.Arrays;

/**
 * Area under the ROC or precision-recall curve as the TF 2 canned heads report it
 * ({@code tf.keras.metrics.AUC} with its defaults): {@code n} evenly spaced thresholds
 * ({@code i / (n - 1)} for the inner ones, {@code -1e-7} and {@code 1 + 1e-7} at the ends), each
 * prediction counted in bucket {@code max(ceil(p * (n - 1)) - 1, 0)} so that it is "above" every
 * threshold up to its bucket; then, without any epsilon, recall and false-positive rate (or
 * precision) with {@code divide_no_nan}, a trapezoidal sum for ROC and the interpolated
 * (Davis–Goadrich) area for PR.
 *
 * <p>Unlike {@link dev.rill.nn.metrics.Auc} ({@code tf.compat.v1.metrics.auc}) there is no
 * {@code 1e-6} smoothing, so a curve with a single class gives 0, not 0.5-ish values.
 *
 * {@snippet :
 * BucketedAuc auc = new BucketedAuc("auc", BucketedAuc.Curve.ROC, 200);
 * auc.update(Tensor.of(0f, 1f, 1f, 0f), Tensor.of(0.1f, 0.9f, 0.6f, 0.4f), null);
 * }
 */
public final class BucketedAuc implements Metric {
  /** The number of thresholds TF uses unless told otherwise. */
  public static final int NUM_THRESHOLDS_DEFAULT = 200;

  /** ROC: recall over false-positive rate; PR: precision over recall. */
  public enum Curve { ROC, PR }

  private final String name;
  private final Curve curve;
  private final int numThresholds;
  private final float[] tp;
  private final float[] fp;
  private final float[] tn;
  private final float[] fn;

  public BucketedAuc(String name, Curve curve, int numThresholds) {
    if (numThresholds < 2) {
      throw new InvalidArgumentException(name + ": num_thresholds must be at least 2, got "
          + numThresholds);
    }
    this.name = name;
    this.curve = curve;
    this.numThresholds = numThresholds;
    tp = new float[numThresholds];
    fp = new float[numThresholds];
    tn = new float[numThresholds];
    fn = new float[numThresholds];
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Adds a batch. Labels are cast to bool (non-zero is positive); predictions must lie in [0, 1];
   * {@code weights} (null for 1 each) must have one value per prediction, or be a scalar.
   */
  public void update(Tensor labels, Tensor predictions, Tensor weights) {
    if (labels.size() != predictions.size()) {
      throw new InvalidArgumentException(name + ": labels of shape " + labels.shape()
          + " do not match predictions of shape " + predictions.shape());
    }
    float[] p = predictions.dtype() == DType.FLOAT32 ? predictions.floatData()
        : predictions.toFloatArray();
    float[] w = weights == null ? null : weights.toFloatArray();
    if (w != null && w.length != 1 && w.length != p.length) {
      throw new InvalidArgumentException(name + ": weights of shape " + weights.shape()
          + " do not match predictions of shape " + predictions.shape());
    }
    float[] posBucket = new float[numThresholds];
    float[] negBucket = new float[numThresholds];
    float posSum = 0;
    float negSum = 0;
    float scale = numThresholds - 1;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0f && p[i] <= 1f)) {
        throw new InvalidArgumentException(name + ": predictions must be in [0, 1], got " + p[i]
            + " at index " + i);
      }
      // float32 product and ceil, as the bucketing op computes it
      int bucket = Math.max((int) Math.ceil(p[i] * scale) - 1, 0);
      float wi = w == null ? 1f : w[w.length == 1 ? 0 : i];
      if (labels.getDouble(i) != 0) {
        posBucket[bucket] += wi;
        posSum += wi;
      } else {
        negBucket[bucket] += wi;
        negSum += wi;
      }
    }
    // counts above threshold j: every bucket from j up
    float posAbove = 0;
    float negAbove = 0;
    for (int j = numThresholds - 1; j >= 0; j--) {
      posAbove += posBucket[j];
      negAbove += negBucket[j];
      tp[j] += posAbove;
      fp[j] += negAbove;
      fn[j] += posSum - posAbove;
      tn[j] += negSum - negAbove;
    }
  }

  @Override
  public Tensor result() {
    return Tensor.scalar(curve == Curve.PR ? interpolatedPr() : trapezoidalRoc());
  }

  private float trapezoidalRoc() {
    int n = numThresholds;
    double sum = 0;
    for (int i = 0; i < n - 1; i++) {
      float x0 = divNoNan(fp[i], fp[i] + tn[i]);
      float x1 = divNoNan(fp[i + 1], fp[i + 1] + tn[i + 1]);
      float y0 = divNoNan(tp[i], tp[i] + fn[i]);
      float y1 = divNoNan(tp[i + 1], tp[i + 1] + fn[i + 1]);
      sum += (x0 - x1) * ((y0 + y1) / 2f);
    }
    return (float) sum;
  }

  /**
   * Between two thresholds true and false positives move linearly, so precision as a function of
   * recall integrates in closed form (a linear part plus a logarithm).
   */
  private float interpolatedPr() {
    int n = numThresholds;
    double sum = 0;
    for (int i = 0; i < n - 1; i++) {
      float dtp = tp[i] - tp[i + 1];
      float pA = tp[i] + fp[i];
      float pB = tp[i + 1] + fp[i + 1];
      float slope = divNoNan(dtp, Math.max(pA - pB, 0f));
      float intercept = tp[i + 1] - slope * pB;
      float ratio = pA > 0 && pB > 0 ? divNoNan(pA, Math.max(pB, 0f)) : 1f;
      float term = slope * (dtp + intercept * (float) Math.log(ratio));
      sum += divNoNan(term, Math.max(tp[i + 1] + fn[i + 1], 0f));
    }
    return (float) sum;
  }

  private static float divNoNan(float x, float y) {
    return y == 0f ? 0f : x / y;
  }

  @Override
  public void reset() {
    Arrays.fill(tp, 0f);
    Arrays.fill(fp, 0f);
    Arrays.fill(tn, 0f);
    Arrays.fill(fn, 0f);
  }

  /** The threshold values, ends included. */
  public float[] thresholds() {
    float[] t = new float[numThresholds];
    t[0] = (float) (0.0 - 1e-7);
    for (int i = 1; i < numThresholds - 1; i++) {
      t[i] = (float) (i * 1.0 / (numThresholds - 1));
    }
    t[numThresholds - 1] = (float) (1.0 + 1e-7);
    return t;
  }

  public float[] truePositives() {
    return tp.clone();
  }

  public float[] falsePositives() {
    return fp.clone();
  }

  public float[] trueNegatives() {
    return tn.clone();
  }

  public float[] falseNegatives() {
    return fn.clone();
  }
}
