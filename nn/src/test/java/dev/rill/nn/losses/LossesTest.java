package dev.rill.nn.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each loss against per-element values (TensorFlow's op where one exists, else the formula in
 * double), reduced by hand in every {@link Reduction} with weights that include a zero.
 */
class LossesTest {
  private static final double TOL = 1e-5;
  /** [3, 2] labels and predictions for the elementwise losses; weights [3, 1] with a zero row. */
  private static final Tensor LABELS01 = Tensor.of(new float[][] {{0, 1}, {1, 1}, {0, 0}});
  private static final Tensor PRED = Tensor.of(new float[][] {{0.3f, 2.5f}, {-0.4f, 0.9f},
      {1.7f, -1.2f}});
  private static final Tensor PROBS = Tensor.of(new float[][] {{0.2f, 0.7f}, {0.99f, 0.5f},
      {0.1f, 0.6f}});
  private static final Tensor ROW_WEIGHTS = Tensor.of(Shape.of(3, 1), 1.5f, 0f, 2f);

  /** Expected result of each reduction of {@code w * l}, with w broadcast to l's shape. */
  static void checkAllReductions(String name, BiFunction<Tensor, Reduction, Tensor> loss,
      Tensor perElement, Tensor weights) {
    Shape shape = perElement.shape();
    double[] l = perElement.toDoubleArray();
    double[] w = ArrayOps.broadcastTo(weights, shape).toDoubleArray();
    double sum = 0;
    double weightSum = 0;
    int nonzero = 0;
    float[] weighted = new float[l.length];
    for (int i = 0; i < l.length; i++) {
      weighted[i] = (float) (l[i] * w[i]);
      sum += l[i] * w[i];
      weightSum += w[i];
      nonzero += w[i] != 0 ? 1 : 0;
    }
    Golden.assertClose(name + " NONE", loss.apply(weights, Reduction.NONE),
        Tensor.of(shape, weighted), TOL, TOL);
    Map<Reduction, Double> expected = Map.of(Reduction.SUM, sum,
        Reduction.MEAN, sum / weightSum,
        Reduction.SUM_OVER_BATCH_SIZE, sum / l.length,
        Reduction.SUM_BY_NONZERO_WEIGHTS, sum / nonzero);
    expected.forEach((r, v) -> {
      Tensor got = loss.apply(weights, r);
      assertThat(got.shape()).isEqualTo(Shape.scalar());
      Golden.assertClose(name + " " + r, got, Tensor.scalar((float) (double) v), TOL, TOL);
    });
    Golden.assertClose(name + " unweighted default", loss.apply(null, Reduction.DEFAULT),
        Tensor.scalar((float) mean(l)), TOL, TOL);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  /** {@code f(label, prediction)} elementwise in double. */
  private static Tensor elementwise(Tensor labels, Tensor predictions, DoubleBinaryOperator f) {
    double[] z = labels.toDoubleArray();
    double[] x = predictions.toDoubleArray();
    float[] out = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = (float) f.applyAsDouble(z[i], x[i]);
    }
    return Tensor.of(labels.shape(), out);
  }

  @Test
  void softmaxCrossEntropyMatchesTensorFlowWithSmoothing() {
    Tensor logits = GradCheck.uniform(1, -3, 3, 3, 4).cast(DType.FLOAT32);
    Tensor onehot = Tensor.of(new float[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}});
    Tensor weights = Tensor.of(2f, 0f, 0.5f);
    Tensor tf = TfOracle.run("SoftmaxCrossEntropyWithLogits", List.of(logits, onehot), Map.of(),
        2).get(0);
    checkAllReductions("softmax_cross_entropy",
        (w, r) -> Losses.softmaxCrossEntropy(onehot, logits, w, 0, r), tf, weights);
    // smoothing 0.2 over 4 classes: 1 -> 0.85, 0 -> 0.05
    Tensor smoothed = onehot.mul(0.8f).add(0.05f);
    Tensor tfSmooth = TfOracle.run("SoftmaxCrossEntropyWithLogits", List.of(logits, smoothed),
        Map.of(), 2).get(0);
    checkAllReductions("smoothed",
        (w, r) -> Losses.softmaxCrossEntropy(onehot, logits, w, 0.2, r), tfSmooth, weights);
    Golden.assertClose("two-argument form", Losses.softmaxCrossEntropy(onehot, logits),
        Tensor.scalar((float) mean(tf.toDoubleArray())), TOL, TOL);
  }

  @Test
  void sparseSoftmaxCrossEntropyMatchesTensorFlow() {
    Tensor logits = GradCheck.uniform(2, -3, 3, 3, 5).cast(DType.FLOAT32);
    Tensor labels = Tensor.of(4, 0, 2);
    Tensor tf = TfOracle.run("SparseSoftmaxCrossEntropyWithLogits", List.of(logits, labels),
        Map.of(), 2).get(0);
    checkAllReductions("sparse", (w, r) -> Losses.sparseSoftmaxCrossEntropy(labels, logits, w, r),
        tf, Tensor.of(0f, 1f, 3f));
    // labels [batch, 1] and weights [batch, 1] are squeezed, as TensorFlow does
    Tensor column = Losses.sparseSoftmaxCrossEntropy(labels.reshape(3, 1), logits,
        Tensor.of(Shape.of(3, 1), 0f, 1f, 3f));
    Golden.assertClose("squeezed", column, Losses.sparseSoftmaxCrossEntropy(labels, logits,
        Tensor.of(0f, 1f, 3f)), 0, 0);
    Golden.assertClose("int64 labels", Losses.sparseSoftmaxCrossEntropy(
        Tensor.of(4L, 0L, 2L), logits), Losses.sparseSoftmaxCrossEntropy(labels, logits), 0, 0);
  }

  @Test
  void sigmoidCrossEntropy() {
    DoubleBinaryOperator f = (z, x) -> Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));
    checkAllReductions("sigmoid", (w, r) -> Losses.sigmoidCrossEntropy(LABELS01, PRED, w, 0, r),
        elementwise(LABELS01, PRED, f), ROW_WEIGHTS);
    // smoothing 0.3: z -> 0.7 z + 0.15
    Tensor smooth = elementwise(LABELS01, PRED, (z, x) -> f.applyAsDouble(0.7 * z + 0.15, x));
    checkAllReductions("sigmoid smoothed",
        (w, r) -> Losses.sigmoidCrossEntropy(LABELS01, PRED, w, 0.3, r), smooth, ROW_WEIGHTS);
  }

  @Test
  void regressionLosses() {
    checkAllReductions("mean_squared_error",
        (w, r) -> Losses.meanSquaredError(LABELS01, PRED, w, r),
        elementwise(LABELS01, PRED, (z, x) -> (x - z) * (x - z)), ROW_WEIGHTS);
    checkAllReductions("absolute_difference",
        (w, r) -> Losses.absoluteDifference(LABELS01, PRED, w, r),
        elementwise(LABELS01, PRED, (z, x) -> Math.abs(x - z)), ROW_WEIGHTS);
    // errors 0.3, 1.5, 1.4, 0.1, 1.7, 1.2: both sides of delta 1 and of delta 0.5
    for (double delta : new double[] {1.0, 0.5}) {
      checkAllReductions("huber " + delta,
          (w, r) -> Losses.huberLoss(LABELS01, PRED, w, delta, r),
          elementwise(LABELS01, PRED, (z, x) -> {
            double e = Math.abs(x - z);
            return e <= delta ? 0.5 * e * e : 0.5 * delta * delta + delta * (e - delta);
          }), ROW_WEIGHTS);
    }
  }

  @Test
  void marginAndProbabilityLosses() {
    checkAllReductions("hinge", (w, r) -> Losses.hingeLoss(LABELS01, PRED, w, r),
        elementwise(LABELS01, PRED, (z, x) -> Math.max(0, 1 - (2 * z - 1) * x)), ROW_WEIGHTS);
    double eps = Losses.LOG_LOSS_EPSILON;
    checkAllReductions("log_loss",
        (w, r) -> Losses.logLoss(LABELS01, PROBS, w, eps, r),
        elementwise(LABELS01, PROBS,
            (z, p) -> -z * Math.log(p + eps) - (1 - z) * Math.log(1 - p + eps)), ROW_WEIGHTS);
  }

  @Test
  void weightsForms() {
    Tensor mse = Losses.meanSquaredError(LABELS01, PRED);
    // a scalar weight scales; a zero scalar weight gives 0, not NaN
    Golden.assertClose("scalar", Losses.meanSquaredError(LABELS01, PRED, Tensor.scalar(2.5f)),
        mse.mul(2.5f), TOL, TOL);
    assertThat(Losses.meanSquaredError(LABELS01, PRED, Tensor.scalar(0f)).floatValue())
        .isZero();
    assertThat(Losses.meanSquaredError(LABELS01, PRED, ArrayOps.zeros(Shape.of(3, 2),
        DType.FLOAT32), Reduction.MEAN).floatValue()).isZero();
    // full-shape weights and weights [1, 2] broadcast along the batch
    Tensor cols = Tensor.of(Shape.of(1, 2), 1f, 3f);
    Golden.assertClose("broadcast", Losses.meanSquaredError(LABELS01, PRED, cols, Reduction.NONE),
        Losses.meanSquaredError(LABELS01, PRED, ArrayOps.broadcastTo(cols, Shape.of(3, 2)),
            Reduction.NONE), 0, 0);
    // an empty batch reduces to 0
    Tensor empty = ArrayOps.zeros(Shape.of(0, 2), DType.FLOAT32);
    assertThat(Losses.meanSquaredError(empty, empty).floatValue()).isZero();
    // computeWeightedLoss is the shared reduction
    Golden.assertClose("compute_weighted_loss",
        Losses.computeWeightedLoss(Tensor.of(1f, 2f, 3f), Tensor.of(0f, 1f, 1f),
            Reduction.SUM_BY_NONZERO_WEIGHTS), Tensor.scalar(2.5f), 0, 0);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Losses.meanSquaredError(LABELS01, PRED.reshape(2, 3)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("mean_squared_error")
        .hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
    assertThatThrownBy(() -> Losses.absoluteDifference(LABELS01, PRED, Tensor.of(1f, 2f)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("weights.shape=[2]")
        .hasMessageContaining("values.shape=[3, 2]");
    assertThatThrownBy(() -> Losses.hingeLoss(LABELS01, PRED, Tensor.of(Shape.of(2, 1), 1f, 2f)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[2, 1]");
    assertThatThrownBy(() -> Losses.meanSquaredError(Tensor.of(1, 2), Tensor.of(1, 2)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("int32");
    assertThatThrownBy(() -> Losses.sparseSoftmaxCrossEntropy(Tensor.of(0, 1),
        ArrayOps.zeros(Shape.of(3, 4), DType.FLOAT32)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("SparseSoftmaxCrossEntropyWithLogits");
  }
}
