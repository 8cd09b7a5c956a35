package dev.rill.nn.layers;

import static dev.rill.nn.layers.DenseTest.f32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.init.Initializers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
  private static final Tensor GAMMA = Tensor.of(1.5f, 0.5f, 2f);
  private static final Tensor BETA = Tensor.of(0.1f, -0.2f, 0.3f);
  private static final Tensor MEAN = Tensor.of(0.2f, -0.1f, 0.05f);
  private static final Tensor VAR = Tensor.of(0.9f, 1.2f, 0.7f);

  private static BatchNormalization.Builder fixed() {
    return BatchNormalization.builder().gammaInitializer(Initializers.constant(GAMMA))
        .betaInitializer(Initializers.constant(BETA))
        .movingMeanInitializer(Initializers.constant(MEAN))
        .movingVarianceInitializer(Initializers.constant(VAR));
  }

  @Test
  void harness() {
    LayerHarness.check(BatchNormalization::new, f32(1, 2, 4, 4, 3), Shape.of(2, 4, 4, 3),
        "batch_normalization/gamma [3]", "batch_normalization/beta [3]",
        "batch_normalization/moving_mean [3] (non-trainable)",
        "batch_normalization/moving_variance [3] (non-trainable)");
    LayerHarness.check(() -> BatchNormalization.builder().center(false).scale(false).axis(1)
            .build(), f32(1, 5, 3), Shape.of(5, 3),
        "batch_normalization/moving_mean [3] (non-trainable)",
        "batch_normalization/moving_variance [3] (non-trainable)");
  }

  @Test
  void fusedTrainingMatchesTensorFlowAndMovesTheAverages() {
    Tensor x = f32(2, 2, 3, 4, 3).mul(3f).add(1f);
    BatchNormalization bn = fixed().build();
    Tensor y;
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      y = bn.apply(x);
    }
    List<Tensor> tf = TfOracle.run("FusedBatchNormV3", List.of(x, GAMMA, BETA, MEAN, VAR),
        Map.of("epsilon", 1e-3f, "exponential_avg_factor", (float) (1 - 0.99),
            "is_training", true, "data_format", "NHWC"), 3);
    Golden.assertClose("y", y, tf.get(0), 1e-5, 1e-5);
    // moving = 0.99 * moving + 0.01 * batch (the batch variance with Bessel's correction)
    Golden.assertClose("moving_mean", bn.movingMean().value(), tf.get(1), 1e-6, 1e-6);
    Golden.assertClose("moving_variance", bn.movingVariance().value(), tf.get(2), 1e-6, 1e-6);
  }

  @Test
  void fusedInferenceUsesTheMovingStatistics() {
    Tensor x = f32(3, 2, 2, 2, 3);
    BatchNormalization bn = fixed().build();
    Tensor y;
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      y = bn.apply(x);
    }
    Golden.assertClose("inference", y, byHand(x, MEAN.toDoubleArray(), VAR.toDoubleArray(), 1),
        1e-6, 1e-6);
    assertThat(bn.movingMean().value().toFloatArray()).containsExactly(MEAN.toFloatArray());
    assertThat(bn.movingVariance().value().toFloatArray()).containsExactly(VAR.toFloatArray());
  }

  @Test
  void denseInputsUseBatchMomentsWithTheBiasedVariance() {
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {3, 6, 5}, {5, 1, 1}, {7, 3, 3}});
    double[] mean = {4, 3, 3};
    double[] var = {5, 3.5, 2};   // biased: sum of squared deviations / 4
    BatchNormalization bn = fixed().momentum(0.9).build();
    Tensor train;
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      train = bn.apply(x);
    }
    Golden.assertClose("training", train, byHand(x, mean, var, 1), 1e-6, 1e-6);
    double[] m0 = MEAN.toDoubleArray();
    double[] v0 = VAR.toDoubleArray();
    double[] m1 = new double[3];
    double[] v1 = new double[3];
    for (int c = 0; c < 3; c++) {
      m1[c] = m0[c] * 0.9 + mean[c] * 0.1;
      v1[c] = v0[c] * 0.9 + var[c] * 0.1;
    }
    Golden.assertClose("moving_mean", bn.movingMean().value(), floats(m1), 1e-6, 1e-6);
    Golden.assertClose("moving_variance", bn.movingVariance().value(), floats(v1), 1e-6, 1e-6);
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Golden.assertClose("inference", bn.apply(x), byHand(x, m1, v1, 1), 1e-6, 1e-6);
    }
    Golden.assertClose("unchanged by inference", bn.movingMean().value(), floats(m1), 1e-6, 1e-6);
  }

  @Test
  void axisOneOfImagesTakesTheFusedPathThroughATranspose() {
    // NCHW [2, 3, 2, 2] with axis 1 against the NHWC transpose with the default axis
    Tensor nchw = f32(4, 2, 3, 2, 2);
    Tensor nhwc = ArrayOps.transpose(nchw, 0, 2, 3, 1);
    BatchNormalization a = fixed().axis(1).build();
    BatchNormalization b = fixed().build();
    for (boolean training : new boolean[] {true, false}) {
      try (Scope s = Scope.open(new VariableStore(), training, new Rng(1), null)) {
        Tensor ya = a.apply(nchw);
        Golden.assertClose("axis 1, training " + training, ArrayOps.transpose(ya, 0, 2, 3, 1),
            b.apply(nhwc), 1e-6, 1e-6);
        Golden.assertClose("moving variance", a.movingVariance().value(),
            b.movingVariance().value(), 1e-7, 1e-7);
      }
    }
  }

  @Test
  void volumesMergeDepthIntoHeightForTheFusedKernel() {
    Tensor ndhwc = f32(6, 2, 2, 3, 2, 3);
    BatchNormalization a = fixed().build();
    BatchNormalization b = fixed().build();
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      Tensor y = a.apply(ndhwc);
      Golden.assertClose("5-D", y, b.apply(ndhwc.reshape(2, 6, 2, 3)).reshape(2, 2, 3, 2, 3),
          0, 0);
      Golden.assertClose("moving variance", a.movingVariance().value(),
          b.movingVariance().value(), 0, 0);
    }
  }

  @Test
  void aMiddleAxisOfSequencesUsesBroadcastMoments() {
    // [4, 3, 2] with axis 1 against the [4, 2, 3] transpose with the default axis
    Tensor x = f32(5, 4, 3, 2);
    Tensor xt = ArrayOps.transpose(x, 0, 2, 1);
    BatchNormalization a = fixed().axis(1).build();
    BatchNormalization b = fixed().build();
    for (boolean training : new boolean[] {true, false}) {
      try (Scope s = Scope.open(new VariableStore(), training, new Rng(1), null)) {
        Golden.assertClose("axis 1, training " + training,
            ArrayOps.transpose(a.apply(x), 0, 2, 1), b.apply(xt), 1e-6, 1e-6);
        Golden.assertClose("moving variance", a.movingVariance().value(),
            b.movingVariance().value(), 1e-7, 1e-7);
      }
    }
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      BatchNormalization fresh = fixed().axis(1).build();
      Golden.assertClose("inference by hand", fresh.apply(x),
          byHand(x, MEAN.toDoubleArray(), VAR.toDoubleArray(), 2), 1e-6, 1e-6);
    }
  }

  @Test
  void functionalFormFollowsTheScopeOrTheFlag() {
    Tensor x = f32(5, 4, 3);
    VariableStore store = new VariableStore();
    try (Scope s = Scope.open(store, false, new Rng(1), null)) {
      Layers.batchNormalization(x);
      Layers.batchNormalization(x, false);
    }
    assertThat(store.get("batch_normalization/moving_mean").value().toFloatArray())
        .containsOnly(0f);
    try (Scope s = Scope.open(store, false, new Rng(1), null)) {
      Layers.batchNormalization(x, true);
    }
    assertThat(store.get("batch_normalization/moving_mean").value().toFloatArray())
        .doesNotContain(0f);
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      Layers.batchNormalization(x);
      Layers.batchNormalization(x, BatchNormalization.builder().momentum(0.5), true);
    }
    assertThat(store.get("batch_normalization_1/moving_mean").value().toFloatArray())
        .doesNotContain(0f);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> BatchNormalization.builder().epsilon(0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("epsilon=0");
    assertThatThrownBy(() -> BatchNormalization.builder().momentum(1.5).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("momentum=1.5");
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      assertThatThrownBy(() -> BatchNormalization.builder().axis(2).build().apply(f32(1, 2, 2)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("axis: 2");
      BatchNormalization bn = new BatchNormalization();
      bn.apply(f32(1, 2, 3));
      assertThatThrownBy(() -> bn.apply(f32(1, 2, 4)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("value 3");
    }
  }

  private static Tensor floats(double[] v) {
    return Tensor.of(v).cast(DType.FLOAT32);
  }

  /** gamma * (x - mean) / sqrt(var + 1e-3) + beta along {@code axis} of size 3, in double. */
  private static Tensor byHand(Tensor x, double[] mean, double[] var, int stride) {
    double[] in = x.toDoubleArray();
    double[] g = GAMMA.toDoubleArray();
    double[] b = BETA.toDoubleArray();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      int c = (i / stride) % 3;
      out[i] = (float) (g[c] * (in[i] - mean[c]) / Math.sqrt(var[c] + 1e-3) + b[c]);
    }
    return Tensor.of(x.shape(), out);
  }
}
