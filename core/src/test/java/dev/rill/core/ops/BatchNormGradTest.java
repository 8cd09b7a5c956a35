package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static dev.rill.core.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.nn.BatchNormDefs;
import dev.rill.core.ops.nn.Moments;
import dev.rill.core.testing.Golden;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Batch normalisation in float64: gradient checks, second order, moments, and errors. */
class BatchNormGradTest {
  private static final double EPS = 1e-3;
  private static final int[][] SHAPES = {{2, 3, 4, 3}, {1, 1, 1, 1}, {3, 1, 1, 2}, {1, 2, 2, 1},
      {2, 0, 3, 2}};

  private static Tensor fused(List<Tensor> in, Tensor mean, Tensor var, boolean training) {
    return NnOps.fusedBatchNorm(in.get(0), in.get(1), in.get(2), mean, var, EPS, training).y();
  }

  @Test
  void trainingGradientsForInputScaleAndOffset() {
    int seed = 0;
    for (int[] dims : SHAPES) {
      int c = dims[3];
      check(in -> fused(in, null, null, true), uniform(seed++, -2, 3, dims),
          uniform(seed++, 0.5, 2, c), random(seed++, c));
    }
  }

  @Test
  void inferenceGradientsForInputScaleAndOffset() {
    int seed = 50;
    for (int[] dims : SHAPES) {
      int c = dims[3];
      // the given mean and variance get no gradient, as in TensorFlow: they are constants here
      Tensor mean = random(seed++, c);
      Tensor var = uniform(seed++, 0.5, 2, c);
      check(in -> fused(in, mean, var, false), uniform(seed++, -2, 3, dims),
          uniform(seed++, 0.5, 2, c), random(seed++, c));
    }
  }

  /** d/dx of sum(w * y^2) for y = batch norm of x, on an inner tape. */
  private static Function<List<Tensor>, Tensor> inputGradient(boolean training, Tensor w) {
    Tensor mean = random(90, 3);
    Tensor var = uniform(91, 0.5, 2, 3);
    return in -> {
      GradientTape tape = GradientTape.start();
      Tensor loss;
      try (tape) {
        in.forEach(tape::watch);
        Tensor y = fused(in, mean, var, training);
        loss = ReduceOps.sum(MathOps.mul(MathOps.square(y), w));
      }
      return tape.gradient(loss, in.get(0));
    };
  }

  @Test
  void secondOrderGradients() {
    Tensor w = random(92, 2, 2, 3, 3);
    for (boolean training : new boolean[] {true, false}) {
      check(inputGradient(training, w), uniform(93, -2, 3, 2, 2, 3, 3),
          uniform(94, 0.5, 2, 3), random(95, 3));
    }
  }

  @Test
  void fusedAndCompositeGradientsAgree() {
    Tensor x = uniform(1, -2, 3, 3, 2, 4, 5);
    Tensor scale = uniform(2, 0.5, 2, 5);
    Tensor offset = random(3, 5);
    Tensor dy = random(4, 3, 2, 4, 5);
    Tensor mean = random(5, 5);
    Tensor var = uniform(6, 0.5, 2, 5);
    for (boolean training : new boolean[] {true, false}) {
      List<Tensor> fusedGrads = gradients(x, scale, offset, mean, var, dy, training);
      List<Tensor> composite;
      // an enclosing recording tape makes the rule use the composite form
      try (GradientTape outer = GradientTape.start()) {
        outer.watch(x);
        composite = gradients(x, scale, offset, mean, var, dy, training);
      }
      for (int i = 0; i < 3; i++) {
        Golden.assertClose("gradient " + i, composite.get(i), fusedGrads.get(i), 1e-12, 1e-12);
      }
    }
  }

  private static List<Tensor> gradients(Tensor x, Tensor scale, Tensor offset, Tensor mean,
      Tensor var, Tensor dy, boolean training) {
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x, scale, offset);
      y = NnOps.fusedBatchNorm(x, scale, offset, mean, var, EPS, training).y();
    }
    return tape.gradient(y, List.of(x, scale, offset), dy);
  }

  @Test
  void momentsMatchHandComputedValues() {
    // columns [1, 3] and [2, 6]: means 2 and 4, variances 1 and 4
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 6}});
    Moments m = NnOps.moments(x, new int[] {0}, false);
    assertThat(m.mean().toDoubleArray()).containsExactly(2, 4);
    assertThat(m.variance().toDoubleArray()).containsExactly(1, 4);
    Moments kept = NnOps.moments(x, new int[] {0}, true);
    assertThat(kept.mean().shape()).isEqualTo(Shape.of(1, 2));
    assertThat(kept.variance().shape()).isEqualTo(Shape.of(1, 2));
    assertThat(NnOps.moments(x, null, false).variance().doubleValue()).isEqualTo(3.5);
  }

  @Test
  void momentsGradients() {
    for (int[] axes : new int[][] {{0}, {0, 1, 2}, {-1}}) {
      for (boolean keep : new boolean[] {false, true}) {
        check(in -> NnOps.moments(in.get(0), axes, keep).mean(), random(7, 2, 3, 4));
        check(in -> NnOps.moments(in.get(0), axes, keep).variance(), random(8, 2, 3, 4));
      }
    }
  }

  @Test
  void batchNormalizationCompositeGradientsAndAgreement() {
    check(in -> NnOps.batchNormalization(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
        EPS), random(10, 2, 3, 4), random(11, 4), uniform(12, 0.5, 2, 4), random(13, 4),
        uniform(14, 0.5, 2, 4));
    check(in -> NnOps.batchNormalization(in.get(0), in.get(1), in.get(2), null, null, EPS),
        random(15, 1, 1), random(16, 1), uniform(17, 0.5, 2, 1));
    // with the batch moments it is the fused training-mode output (whose epsilon is a float attr)
    Tensor x = uniform(18, -2, 3, 2, 3, 4, 5);
    Tensor scale = uniform(19, 0.5, 2, 5);
    Tensor offset = random(20, 5);
    Moments m = NnOps.moments(x, new int[] {0, 1, 2}, false);
    Golden.assertClose("batch_normalization vs fused",
        NnOps.batchNormalization(x, m.mean(), m.variance(), offset, scale, (float) EPS),
        NnOps.fusedBatchNorm(x, scale, offset, null, null, EPS, true).y(), 1e-12, 1e-12);
  }

  @Test
  void besselCorrectedVarianceForTheMovingAverage() {
    // one channel, values 1..4: mean 2.5, biased variance 1.25, corrected 5/3
    Tensor x = Tensor.of(Shape.of(1, 2, 2, 1), 1.0, 2.0, 3.0, 4.0);
    var bn = NnOps.fusedBatchNorm(x, Tensor.of(1.0), Tensor.of(0.0), null, null, EPS, true);
    assertThat(bn.batchMean().doubleValue()).isEqualTo(2.5);
    assertThat(bn.batchVariance().doubleValue()).isCloseTo(5.0 / 3, Offset.offset(1e-15));
    double inv = 1 / Math.sqrt(1.25 + (double) (float) EPS);
    assertThat(bn.y().toDoubleArray()).containsExactly(new double[] {-1.5 * inv, -0.5 * inv,
        0.5 * inv, 1.5 * inv}, Offset.offset(1e-15));
  }

  @Test
  void errors() {
    Tensor x = Tensor.of(Shape.of(2, 4, 4, 5), new float[160]);
    Tensor c5 = Tensor.of(new float[5]);
    assertThatThrownBy(() -> NnOps.fusedBatchNorm(x, Tensor.of(1f, 1f, 1f), c5, c5, c5, EPS, true))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormV3:").hasMessageContaining("scale")
        .hasMessageContaining("[3]").hasMessageContaining("[2, 4, 4, 5]");
    assertThatThrownBy(() -> NnOps.fusedBatchNorm(x, c5, c5, Tensor.of(0f), c5, EPS, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormV3:").hasMessageContaining("mean")
        .hasMessageContaining("[1]");
    assertThatThrownBy(() -> NnOps.fusedBatchNorm(Tensor.of(Shape.of(4, 5), new float[20]), c5,
        c5, c5, c5, EPS, true))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormV3:").hasMessageContaining("[4, 5]");
    assertThatThrownBy(() -> NnOps.fusedBatchNorm(x, MathOps.cast(c5, DType.FLOAT64), c5, c5, c5,
        EPS, true))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormV3:").hasMessageContaining("float64")
        .hasMessageContaining("float32");
    assertThatThrownBy(() -> NnOps.fusedBatchNorm(x, c5, c5, null, null, EPS, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormV3:").hasMessageContaining("mean");
    assertThatThrownBy(() -> Exec.run(BatchNormDefs.FUSED_BATCH_NORM_V3,
        new BatchNormDefs.Attrs(1e-3f, 1f, "NCHW", true), x, c5, c5, c5, c5))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormV3:").hasMessageContaining("NCHW");
    assertThatThrownBy(() -> Exec.run(BatchNormDefs.FUSED_BATCH_NORM_GRAD_V3,
        new BatchNormDefs.GradAttrs(1e-3f, "NHWC", true),
        Tensor.of(Shape.of(2, 4, 4, 4), new float[128]), x, c5, c5, c5, Tensor.of(new float[0])))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("FusedBatchNormGradV3:").hasMessageContaining("[2, 4, 4, 4]")
        .hasMessageContaining("[2, 4, 4, 5]");
  }
}
