package dev.rill.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cases and expected values of TensorFlow's own {@code tf.compat.v1.metrics.auc} tests, plus
 * a formula re-computed here in double and the exact AUC of a larger sample.
 */
class AucTest {
  private static double auc(Auc a, float[] predictions, int[] labels) {
    a.update(Tensor.of(Shape.of(1, labels.length), labels),
        Tensor.of(Shape.of(1, predictions.length), predictions));
    return a.doubleValue();
  }

  private static Auc roc() {
    return new Auc();
  }

  private static Auc pr(Auc.Summation s) {
    return new Auc(Auc.Curve.PR, s, 200);
  }

  @Test
  void rocOnTfsSmallCases() {
    float[] p = {1, 0, 1, 0};
    int[] l = {0, 1, 1, 0};
    assertThat(auc(roc(), p, l)).isCloseTo(0.5, within(1e-6));
    Auc w1 = roc();
    w1.update(Tensor.of(Shape.of(1, 4), l), Tensor.of(Shape.of(1, 4), p),
        Tensor.of(Shape.of(1, 1), 2f));
    assertThat(w1.doubleValue()).isCloseTo(0.5, within(1e-5));
    Auc w2 = roc();
    w2.update(Tensor.of(Shape.of(1, 4), l), Tensor.of(Shape.of(1, 4), p),
        Tensor.of(Shape.of(1, 4), 1f, 2f, 3f, 4f));
    assertThat(w2.doubleValue()).isCloseTo(0.7, within(1e-5));
    // labels as bools or floats work the same
    Auc b = roc();
    b.update(Tensor.of(false, true, true, false), Tensor.of(p));
    assertThat(b.doubleValue()).isCloseTo(0.5, within(1e-6));
  }

  @Test
  void rocExtremes() {
    // 100 random 0/1 scores as in TF's test: with that many negatives the epsilon vanishes in
    // float32 and the AUC is exactly 1 (with 3 it would be 3 / (3 + 1e-6) = 0.9999997)
    SplittableRandom r = new SplittableRandom(1);
    float[] p = new float[100];
    int[] l = new int[100];
    int[] wrong = new int[100];
    for (int i = 0; i < 100; i++) {
      l[i] = r.nextInt(2);
      p[i] = l[i];
      wrong[i] = 1 - l[i];
    }
    assertThat(auc(roc(), p, l)).isEqualTo(1.0);
    assertThat(auc(roc(), p, wrong)).isCloseTo(0, within(1e-6));
    assertThat(auc(roc(), new float[4], new int[4])).isCloseTo(1, within(1e-6));
    assertThat(auc(pr(Auc.Summation.TRAPEZOIDAL), new float[] {1, 1, 1, 1},
        new int[] {1, 1, 1, 1})).isCloseTo(1, within(1e-6));
  }

  @Test
  void manualThresholdsSplitCloseScores() {
    float[] p = {0.12f, 0.3001f, 0.3003f, 0.72f};
    int[] l = {0, 1, 0, 1};
    assertThat(auc(roc(), p, l)).isCloseTo(0.875, within(1e-3));
    Auc manual = new Auc("auc", Auc.Curve.ROC, Auc.Summation.TRAPEZOIDAL,
        new double[] {0.0, 0.2, 0.3002, 0.6, 1.0});
    assertThat(auc(manual, p, l)).isCloseTo(0.75, within(1e-3));
    assertThat(manual.thresholds()).hasSize(7);
  }

  @Test
  void prAucTrapezoidalAndCarefulAsTf() {
    float[] p1 = {0.1f, 0.4f, 0.35f, 0.8f};
    int[] l1 = {0, 0, 1, 1};
    float[] p2 = {0.1f, 0.4f, 0.35f, 0.8f, 0.1f, 0.135f, 0.81f};
    int[] l2 = {0, 0, 1, 0, 1, 0, 1};
    float[] p3 = {0.0f, 0.1f, 0.2f, 0.33f, 0.3f, 0.4f, 0.5f};
    int[] l3 = {0, 0, 0, 0, 1, 1, 1};
    assertThat(auc(pr(Auc.Summation.TRAPEZOIDAL), p1, l1)).isCloseTo(0.79166, within(1e-3));
    assertThat(auc(pr(Auc.Summation.TRAPEZOIDAL), p2, l2)).isCloseTo(0.610317, within(1e-3));
    assertThat(auc(pr(Auc.Summation.TRAPEZOIDAL), p3, l3)).isCloseTo(0.90277, within(1e-3));
    Auc.Summation careful = Auc.Summation.CAREFUL_INTERPOLATION;
    assertThat(auc(pr(careful), p1, l1)).isCloseTo(1 - Math.log(1.5) / 2, within(1e-3));
    assertThat(auc(pr(careful), p2, l2)).isCloseTo(
        (2.5 - 2 * Math.log(4. / 3) - 0.25 * Math.log(7. / 5)) / 3, within(1e-3));
    assertThat(auc(pr(careful), p3, l3)).isCloseTo(1 - Math.log(4. / 3) / 3, within(1e-3));
  }

  /** TF's formula with 200 thresholds, computed independently in double. */
  private static double tfFormula(float[] p, int[] l, String curve, String method) {
    int n = 200;
    double[] th = new double[n];
    th[0] = (float) -1e-7;
    for (int i = 1; i < n - 1; i++) {
      th[i] = (float) (i * 1.0 / (n - 1));
    }
    th[n - 1] = (float) (1 + 1e-7);
    double[] tp = new double[n];
    double[] fn = new double[n];
    double[] tn = new double[n];
    double[] fp = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < p.length; i++) {
        boolean pos = p[i] > th[j];
        if (l[i] != 0) {
          if (pos) {
            tp[j]++;
          } else {
            fn[j]++;
          }
        } else if (pos) {
          fp[j]++;
        } else {
          tn[j]++;
        }
      }
    }
    double eps = 1e-6;
    double sum = 0;
    for (int j = 0; j < n - 1; j++) {
      double x0;
      double x1;
      double y0;
      double y1;
      double r0 = (tp[j] + eps) / (tp[j] + fn[j] + eps);
      double r1 = (tp[j + 1] + eps) / (tp[j + 1] + fn[j + 1] + eps);
      if (curve.equals("ROC")) {
        x0 = fp[j] / (fp[j] + tn[j] + eps);
        x1 = fp[j + 1] / (fp[j + 1] + tn[j + 1] + eps);
        y0 = r0;
        y1 = r1;
      } else {
        x0 = r0;
        x1 = r1;
        y0 = (tp[j] + eps) / (tp[j] + fp[j] + eps);
        y1 = (tp[j + 1] + eps) / (tp[j + 1] + fp[j + 1] + eps);
      }
      double h = switch (method) {
        case "minoring" -> Math.min(y0, y1);
        case "majoring" -> Math.max(y0, y1);
        default -> (y0 + y1) / 2;
      };
      sum += (x0 - x1) * h;
    }
    return sum;
  }

  @Test
  void matchesTfsFormulaOnRandomScoresForEverySummation() {
    SplittableRandom r = new SplittableRandom(7);
    float[] p = new float[40];
    int[] l = new int[40];
    for (int i = 0; i < p.length; i++) {
      l[i] = r.nextInt(2);
      p[i] = (float) Math.min(1, Math.max(0, 0.35 + 0.3 * l[i] + 0.25 * r.nextGaussian()));
    }
    for (String curve : new String[] {"ROC", "PR"}) {
      for (String method : new String[] {"trapezoidal", "minoring", "majoring"}) {
        Auc a = new Auc(Auc.Curve.valueOf(curve), Auc.Summation.valueOf(method.toUpperCase()),
            200);
        assertThat(auc(a, p, l)).as(curve + " " + method)
            .isCloseTo(tfFormula(p, l, curve, method), within(2e-6));
      }
    }
  }

  @Test
  void streamingOverBatchesApproachesTheExactRocAuc() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 1000;
    float[] p = new float[n];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = r.nextInt(2);
      p[i] = (float) Math.min(1, Math.max(0, 0.4 + 0.2 * l[i] + 0.2 * r.nextGaussian()));
    }
    Auc streamed = new Auc();
    for (int b = 0; b < n; b += 10) {
      streamed.update(Tensor.of(java.util.Arrays.copyOfRange(l, b, b + 10)),
          Tensor.of(java.util.Arrays.copyOfRange(p, b, b + 10)));
    }
    Auc once = new Auc();
    once.update(Tensor.of(l), Tensor.of(p));
    assertThat(streamed.doubleValue()).isCloseTo(once.doubleValue(), within(1e-6));
    // exact AUC: the chance a positive outscores a negative (ties count half)
    double wins = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (l[i] == 1 && l[j] == 0) {
          pairs++;
          wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(streamed.doubleValue()).isCloseTo(wins / pairs, within(1e-2));
    streamed.reset();
    assertThat(streamed.truePositives()).containsOnly(0f);
  }

  @Test
  void predictionsOutsideTheUnitIntervalAreRejected() {
    assertThatThrownBy(() -> roc().update(Tensor.of(1, 0), Tensor.of(0.5f, 1.5f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("auc: predictions must be in [0, 1], got 1.5 at index 1");
    assertThatThrownBy(() -> new Auc(Auc.Curve.ROC, Auc.Summation.TRAPEZOIDAL, 1))
        .hasMessage("auc: num_thresholds must be at least 2, got 1");
  }
}
