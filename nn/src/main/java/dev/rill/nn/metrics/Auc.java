package dev.rill.nn.metrics;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.util.Arrays;

/**
 * Area under the ROC or precision-recall curve, {@code tf.compat.v1.metrics.auc}: weighted float32
 * counts of true/false positives/negatives at fixed thresholds (by default 198 evenly spaced in
 * (0, 1) plus -1e-7 and 1 + 1e-7; a prediction is positive when strictly above), then a Riemann
 * sum over the thresholds with TF's epsilon of 1e-6 in recall, false-positive rate and precision.
 *
 * {@snippet :
 * Auc auc = new Auc();                                      // ROC, 200 thresholds, trapezoidal
 * auc.update(Tensor.of(0, 1, 1, 0), Tensor.of(0.1f, 0.9f, 0.6f, 0.4f));
 * Auc pr = new Auc(Auc.Curve.PR, Auc.Summation.CAREFUL_INTERPOLATION, 200);
 * }
 *
 * <p>Predictions must lie in [0, 1]; labels are cast to bool.
 */
public final class Auc implements Metric {
  public static final int NUM_THRESHOLDS_DEFAULT = 200;
  private static final float EPSILON = 1e-6f;
  private static final double KEPSILON = 1e-7;

  /** The curve: ROC (recall over false-positive rate) or PR (precision over recall). */
  public enum Curve { ROC, PR }

  /**
   * TF's {@code summation_method}: trapezoids; TF's interpolation of PR-AUC (Davis and Goadrich;
   * trapezoids for ROC); or the lower / upper Riemann sums.
   */
  public enum Summation { TRAPEZOIDAL, CAREFUL_INTERPOLATION, MINORING, MAJORING }

  private final String name;
  private final Curve curve;
  private final Summation summation;
  private final float[] thresholds;
  private final float[] tp;
  private final float[] fn;
  private final float[] tn;
  private final float[] fp;

  /** ROC, 200 thresholds, trapezoidal: TF's defaults. */
  public Auc() {
    this(Curve.ROC, Summation.TRAPEZOIDAL, NUM_THRESHOLDS_DEFAULT);
  }

  public Auc(Curve curve, Summation summation, int numThresholds) {
    this("auc", curve, summation, evenThresholds(numThresholds));
  }

  /**
   * With explicit inner {@code thresholds} in [0, 1] (sorted here); the end points -1e-7 and
   * 1 + 1e-7 are added as TF adds them.
   */
  public Auc(String name, Curve curve, Summation summation, double[] thresholds) {
    this.name = name;
    this.curve = curve;
    this.summation = summation;
    double[] inner = thresholds.clone();
    Arrays.sort(inner);
    this.thresholds = new float[inner.length + 2];
    this.thresholds[0] = (float) (0.0 - KEPSILON);
    for (int i = 0; i < inner.length; i++) {
      this.thresholds[i + 1] = (float) inner[i];
    }
    this.thresholds[inner.length + 1] = (float) (1.0 + KEPSILON);
    int n = this.thresholds.length;
    tp = new float[n];
    fn = new float[n];
    tn = new float[n];
    fp = new float[n];
  }

  private static double[] evenThresholds(int numThresholds) {
    if (numThresholds < 2) {
      throw new InvalidArgumentException("auc: num_thresholds must be at least 2, got "
          + numThresholds);
    }
    double[] t = new double[numThresholds - 2];
    for (int i = 0; i < t.length; i++) {
      t[i] = (i + 1) * 1.0 / (numThresholds - 1);
    }
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  public void update(Tensor labels, Tensor predictions) {
    update(labels, predictions, null);
  }

  /** Adds a batch; {@code weights} (null for 1 each) broadcast to the predictions' shape. */
  public void update(Tensor labels, Tensor predictions, Tensor weights) {
    Tensor[] lp = MetricInputs.matchShapes(name, labels, predictions);
    boolean[] l = MetricInputs.bools(lp[0]);
    float[] p = MetricInputs.floats(lp[1]);
    float[] w = MetricInputs.weights(name, weights, lp[1].shape());
    int n = thresholds.length;
    // per example, the thresholds below its prediction are the first k: add its weight to
    // tp/fp on [0, k) and fn/tn on [k, n) through difference arrays
    double[] pos = new double[n + 1];
    double[] neg = new double[n + 1];
    double posTotal = 0;
    double negTotal = 0;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0f && p[i] <= 1f)) {
        throw new InvalidArgumentException(name + ": predictions must be in [0, 1], got " + p[i]
            + " at index " + i);
      }
      int k = countBelow(p[i]);
      double wi = w == null ? 1 : w[i];
      if (l[i]) {
        pos[k] += wi;
        posTotal += wi;
      } else {
        neg[k] += wi;
        negTotal += wi;
      }
    }
    // above[j] = weight of examples with k > j, i.e. prediction above threshold j
    double posAbove = posTotal;
    double negAbove = negTotal;
    for (int j = 0; j < n; j++) {
      posAbove -= pos[j];
      negAbove -= neg[j];
      tp[j] += (float) posAbove;
      fn[j] += (float) (posTotal - posAbove);
      fp[j] += (float) negAbove;
      tn[j] += (float) (negTotal - negAbove);
    }
  }

  /** How many thresholds lie strictly below {@code p}. */
  private int countBelow(float p) {
    int lo = 0;
    int hi = thresholds.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (thresholds[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public Tensor result() {
    int n = thresholds.length;
    if (curve == Curve.PR && summation == Summation.CAREFUL_INTERPOLATION) {
      return Tensor.scalar(interpolatedPrAuc());
    }
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float rec = (tp[i] + EPSILON) / (tp[i] + fn[i] + EPSILON);
      if (curve == Curve.ROC) {
        x[i] = fp[i] / (fp[i] + tn[i] + EPSILON);
        y[i] = rec;
      } else {
        x[i] = rec;
        y[i] = (tp[i] + EPSILON) / (tp[i] + fp[i] + EPSILON);
      }
    }
    double sum = 0;
    for (int i = 0; i < n - 1; i++) {
      float height = switch (summation) {
        case TRAPEZOIDAL, CAREFUL_INTERPOLATION -> (y[i] + y[i + 1]) / 2f;
        case MINORING -> Math.min(y[i], y[i + 1]);
        case MAJORING -> Math.max(y[i], y[i + 1]);
      };
      sum += (x[i] - x[i + 1]) * height;
    }
    return Tensor.scalar((float) sum);
  }

  /**
   * TF's PR-AUC with precision interpolated along the positives: within each threshold interval
   * true and false positives vary linearly, and the area has a closed form with a logarithm.
   */
  private float interpolatedPrAuc() {
    int n = thresholds.length;
    double sum = 0;
    for (int i = 0; i < n - 1; i++) {
      float dtp = tp[i] - tp[i + 1];
      float pA = tp[i] + fp[i];
      float pB = tp[i + 1] + fp[i + 1];
      float slope = MetricInputs.divNoNan(dtp, Math.max(pA - pB, 0f));
      float intercept = tp[i + 1] - slope * pB;
      float ratio = pA > 0 && pB > 0 ? MetricInputs.divNoNan(pA, Math.max(pB, 0f)) : 1f;
      float term = slope * (dtp + intercept * (float) Math.log(ratio));
      sum += MetricInputs.divNoNan(term, Math.max(tp[i + 1] + fn[i + 1], 0f));
    }
    return (float) sum;
  }

  @Override
  public void reset() {
    Arrays.fill(tp, 0f);
    Arrays.fill(fn, 0f);
    Arrays.fill(tn, 0f);
    Arrays.fill(fp, 0f);
  }

  /** The thresholds, end points included. */
  public float[] thresholds() {
    return thresholds.clone();
  }

  /** The accumulated true positives per threshold. */
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
