package dev.rill.nn.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed rates; the schedules compute in float32 as TF does, so 1e-7 relative. */
class SchedulesTest {
  private static void close(LearningRate lr, long step, double expected) {
    assertThat(lr.at(step)).as("step " + step).isCloseTo(expected,
        within(1e-7 * Math.abs(expected) + 1e-12));
  }

  @Test
  void exponentialDecaySmoothAndStaircase() {
    // 0.1 * 0.96^(step / 1000)
    LearningRate smooth = Schedules.exponentialDecay(0.1, 1000, 0.96, false);
    LearningRate stairs = Schedules.exponentialDecay(0.1, 1000, 0.96, true);
    close(smooth, 0, 0.1);
    close(smooth, 500, 0.1 * Math.sqrt(0.96));
    close(smooth, 2500, 0.1 * Math.pow(0.96, 2.5));
    close(stairs, 999, 0.1);
    close(stairs, 1000, 0.096);
    close(stairs, 2500, 0.1 * 0.96 * 0.96);
    // the value is float32's: 0.1f * 0.96f^2
    assertThat(stairs.at(2500)).isEqualTo((double) (0.1f * (float) Math.pow(0.96f, 2f)));
  }

  @Test
  void naturalExpAndInverseTimeDecay() {
    close(Schedules.naturalExpDecay(0.1, 10, 0.5, false), 20, 0.1 * Math.exp(-1));
    close(Schedules.naturalExpDecay(0.1, 10, 0.5, true), 25, 0.1 * Math.exp(-1));
    // 0.1 / (1 + 0.5 * step / 10)
    close(Schedules.inverseTimeDecay(0.1, 10, 0.5, false), 20, 0.05);
    close(Schedules.inverseTimeDecay(0.1, 10, 0.5, false), 15, 0.1 / 1.75);
    close(Schedules.inverseTimeDecay(0.1, 10, 0.5, true), 15, 0.1 / 1.5);
  }

  @Test
  void piecewiseConstantBoundariesBelongToTheLeft() {
    LearningRate lr = Schedules.piecewiseConstant(new long[] {100, 200}, new double[] {1, 0.5,
        0.1});
    close(lr, 0, 1);
    close(lr, 100, 1);
    close(lr, 101, 0.5);
    close(lr, 200, 0.5);
    close(lr, 201, 0.1);
    close(lr, 1_000_000, 0.1);
  }

  @Test
  void polynomialDecayHoldsOrCycles() {
    // (0.1 - 0.01) * (1 - step / 1000)^2 + 0.01
    LearningRate hold = Schedules.polynomialDecay(0.1, 1000, 0.01, 2, false);
    close(hold, 0, 0.1);
    close(hold, 500, 0.0325);
    close(hold, 1000, 0.01);
    close(hold, 5000, 0.01);
    LearningRate cycle = Schedules.polynomialDecay(0.1, 1000, 0.01, 2, true);
    close(cycle, 0, 0.1);
    close(cycle, 1000, 0.01);
    close(cycle, 1500, 0.09 * 0.0625 + 0.01);   // decay steps stretched to 2000
    close(Schedules.polynomialDecay(0.1, 100), 50, (0.1 - 1e-4) * 0.5 + 1e-4);
  }

  @Test
  void cosineDecay() {
    close(Schedules.cosineDecay(0.1, 100), 0, 0.1);
    close(Schedules.cosineDecay(0.1, 100), 50, 0.05);
    close(Schedules.cosineDecay(0.1, 100), 25, 0.05 * (1 + Math.cos(Math.PI / 4)));
    assertThat(Schedules.cosineDecay(0.1, 100).at(300)).isCloseTo(0, within(1e-9));
    close(Schedules.cosineDecay(0.1, 100, 0.1), 100, 0.01);
  }

  @Test
  void constantAndBadArguments() {
    close(LearningRate.constant(0.3), 12345, 0.3);
    assertThatThrownBy(() -> Schedules.exponentialDecay(0.1, 0, 0.9, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exponential_decay: decay_steps must be positive, got 0");
    assertThatThrownBy(() -> Schedules.piecewiseConstant(new long[] {1}, new double[] {1}))
        .hasMessageContaining("expected 2 values for 1 boundaries, got 1");
    assertThatThrownBy(() -> Schedules.piecewiseConstant(new long[] {5, 1}, new double[] {1, 2,
        3})).hasMessageContaining("boundaries must be sorted");
    assertThatThrownBy(() -> LearningRate.constant(Double.NaN))
        .hasMessageContaining("learning rate must be finite");
  }
}
