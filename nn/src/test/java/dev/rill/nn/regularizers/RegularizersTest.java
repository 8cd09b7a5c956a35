package dev.rill.nn.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.GradCheck;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.init.Initializers;
import dev.rill.nn.layers.Conv2D;
import dev.rill.nn.layers.Dense;
import dev.rill.nn.layers.Layers;
import dev.rill.nn.losses.Losses;
import org.junit.jupiter.api.Test;

class RegularizersTest {
  private static final Tensor W = Tensor.of(1f, -2f, 3f);   // sum |w| = 6, sum w^2 = 14

  @Test
  void values() {
    assertThat(Regularizers.l1(0.1).apply(W).floatValue()).isCloseTo(0.6f, offset(1e-6f));
    assertThat(Regularizers.l2(0.1).apply(W).floatValue()).isCloseTo(1.4f, offset(1e-6f));
    assertThat(Regularizers.l1L2(0.1, 0.01).apply(W).floatValue())
        .isCloseTo(0.74f, offset(1e-6f));
    assertThat(Regularizers.l1L2(0, 0).apply(W).floatValue()).isZero();
    // TF1's l2_regularizer halves: 0.1 * 14 / 2
    assertThat(Regularizers.l2Loss(0.1).apply(W).floatValue()).isCloseTo(0.7f, offset(1e-6f));
    assertThat(Regularizers.l2(0.1).apply(W.cast(DType.FLOAT64)).dtype())
        .isEqualTo(DType.FLOAT64);
  }

  @Test
  void gradients() {
    Tensor w = GradCheck.random(1, 3, 4);
    GradCheck.check(in -> Regularizers.l1L2(0.3, 0.2).apply(in.get(0)), w);
    GradCheck.check(in -> Regularizers.l2Loss(0.5).apply(in.get(0)), w);
  }

  @Test
  void layersRecordTheirPenaltiesOncePerVariablePerScope() {
    VariableStore store = new VariableStore();
    Tensor x = Tensor.of(new float[][] {{1, 2}});
    Dense shared = Dense.builder(2).kernelRegularizer(Regularizers.l2(0.5))
        .biasInitializer(Initializers.ones()).biasRegularizer(Regularizers.l1(2)).build();
    for (int step = 0; step < 2; step++) {
      try (Scope s = Scope.open(store, true, new Rng(1), null)) {
        assertThat(Losses.getRegularizationLosses()).isEmpty();
        assertThat(Losses.getRegularizationLoss().floatValue()).isZero();
        shared.apply(x);
        shared.apply(x);
        Layers.conv2d(x.reshape(1, 1, 1, 2), Conv2D.builder(1, 1)
            .kernelRegularizer(Regularizers.l1(1)));
        assertThat(Losses.getRegularizationLosses()).hasSize(3);
        double k = sumSquares(shared.variables().get(0).value()) * 0.5;
        double b = 2 * 2;   // bias [1, 1], l1 factor 2
        double c = sumAbs(store.get("conv2d/kernel").value());
        assertThat(Losses.getRegularizationLoss().doubleValue()).isCloseTo(k + b + c,
            offset(1e-5));
      }
    }
  }

  private static double sumSquares(Tensor t) {
    double s = 0;
    for (double d : t.toDoubleArray()) {
      s += d * d;
    }
    return s;
  }

  private static double sumAbs(Tensor t) {
    double s = 0;
    for (double d : t.toDoubleArray()) {
      s += Math.abs(d);
    }
    return s;
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Regularizers.l2(-1)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("l2=-1.0");
    assertThatThrownBy(() -> Regularizers.l1(Double.NaN))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("l1=NaN");
  }
}
