package dev.rill.train.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketedAucTest {
  private static final int N = BucketedAuc.NUM_THRESHOLDS_DEFAULT;

  /** One random case: labels, predictions (some exactly on thresholds), optional weights. */
  record Case(float[] labels, float[] predictions, float[] weights) {
    static Case random(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(300);
      // class balance from "all negative" through "all positive"
      int kind = r.nextInt(5);
      double positiveRate = kind == 0 ? 0 : kind == 1 ? 1 : r.nextDouble();
      float[] l = new float[n];
      float[] p = new float[n];
      float[] w = r.nextBoolean() ? null : new float[n];
      for (int i = 0; i < n; i++) {
        l[i] = r.nextDouble() < positiveRate ? 1f : 0f;
        p[i] = switch (r.nextInt(4)) {
          case 0 -> (float) (r.nextInt(N) * 1.0 / (N - 1));   // exactly on a threshold
          case 1 -> r.nextBoolean() ? 0f : 1f;
          default -> (float) r.nextDouble();
        };
        if (w != null) {
          w[i] = r.nextInt(6) == 0 ? 0f : (float) (2 * r.nextDouble());
        }
      }
      return new Case(l, p, w);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void countsAndAreasMatchTensorFlow(long seed) {
    Case c = Case.random(seed);
    BucketedAuc roc = new BucketedAuc("auc", BucketedAuc.Curve.ROC, N);
    BucketedAuc pr = new BucketedAuc("auc_precision_recall", BucketedAuc.Curve.PR, N);
    Tensor w = c.weights() == null ? null : Tensor.of(c.weights());
    roc.update(Tensor.of(c.labels()), Tensor.of(c.predictions()), w);
    pr.update(Tensor.of(c.labels()), Tensor.of(c.predictions()), w);

    KerasAucOracle.Counts tf = KerasAucOracle.counts(c.labels(), c.predictions(), c.weights(), N);
    // unit weights sum exactly; random weights may differ in the last bits of float sums
    float tol = c.weights() == null ? 0f : 1e-4f;
    assertClose(roc.truePositives(), tf.tp(), tol);
    assertClose(roc.falsePositives(), tf.fp(), tol);
    assertClose(roc.trueNegatives(), tf.tn(), tol);
    assertClose(roc.falseNegatives(), tf.fn(), tol);
    assertThat(roc.doubleValue()).isCloseTo(KerasAucOracle.rocAuc(tf), within(2e-5));
    assertThat(pr.doubleValue()).isCloseTo(KerasAucOracle.prAuc(tf), within(2e-5));
  }

  @Test
  void accumulatesOverBatchesAsOneBatch() {
    Case a = Case.random(21);
    Case b = Case.random(22);
    BucketedAuc twice = new BucketedAuc("auc", BucketedAuc.Curve.ROC, N);
    twice.update(Tensor.of(a.labels()), Tensor.of(a.predictions()), null);
    twice.update(Tensor.of(b.labels()), Tensor.of(b.predictions()), null);
    float[] labels = concat(a.labels(), b.labels());
    float[] preds = concat(a.predictions(), b.predictions());
    KerasAucOracle.Counts tf = KerasAucOracle.counts(labels, preds, null, N);
    assertThat(twice.truePositives()).containsExactly(tf.tp());
    assertThat(twice.trueNegatives()).containsExactly(tf.tn());
    assertThat(twice.doubleValue()).isCloseTo(KerasAucOracle.rocAuc(tf), within(2e-5));
    twice.reset();
    assertThat(twice.doubleValue()).isZero();
  }

  @Test
  void handDerivedValues() {
    // perfect ranking: ROC area 1, PR area 1
    BucketedAuc roc = new BucketedAuc("auc", BucketedAuc.Curve.ROC, N);
    BucketedAuc pr = new BucketedAuc("pr", BucketedAuc.Curve.PR, N);
    Tensor labels = Tensor.of(0f, 0f, 1f, 1f);
    Tensor preds = Tensor.of(0.1f, 0.2f, 0.8f, 0.9f);
    roc.update(labels, preds, null);
    pr.update(labels, preds, null);
    assertThat(roc.doubleValue()).isCloseTo(1.0, within(1e-6));
    assertThat(pr.doubleValue()).isCloseTo(1.0, within(1e-6));
    // one class only: no epsilon smoothing, so the false-positive rate (or recall) is 0
    BucketedAuc allPositive = new BucketedAuc("auc", BucketedAuc.Curve.ROC, N);
    allPositive.update(Tensor.of(1f, 1f), Tensor.of(0.3f, 0.7f), null);
    assertThat(allPositive.doubleValue()).isZero();
    // every prediction tied: one step of the curve, area 1/2
    BucketedAuc tied = new BucketedAuc("auc", BucketedAuc.Curve.ROC, N);
    tied.update(Tensor.of(0f, 1f, 0f, 1f), Tensor.of(0.5f, 0.5f, 0.5f, 0.5f), null);
    assertThat(tied.doubleValue()).isCloseTo(0.5, within(1e-6));
  }

  @Test
  void predictionOnAThresholdIsNotAboveIt() {
    BucketedAuc auc = new BucketedAuc("auc", BucketedAuc.Curve.ROC, 5);   // 0.25, 0.5, 0.75
    auc.update(Tensor.of(1f), Tensor.of(0.5f), null);
    // above -1e-7, 0.25; not above 0.5, 0.75, 1 + 1e-7
    assertThat(auc.truePositives()).containsExactly(1f, 1f, 0f, 0f, 0f);
    assertThat(auc.thresholds()[2]).isEqualTo(0.5f);
  }

  @Test
  void rejectsPredictionsOutsideTheUnitInterval() {
    BucketedAuc auc = new BucketedAuc("auc", BucketedAuc.Curve.ROC, N);
    assertThatThrownBy(() -> auc.update(Tensor.of(1f), Tensor.of(1.5f), null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[0, 1]");
  }

  static void assertClose(float[] actual, float[] expected, float relTol) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("index %d", i)
          .isCloseTo(expected[i], within(relTol * Math.max(1f, Math.abs(expected[i]))));
    }
  }

  static float[] concat(float[] a, float[] b) {
    float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
