package dev.rill.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExponentialMovingAverageTest {
  @Test
  void shadowsFollowTheVariablesWithHandValues() {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("dense/kernel", Tensor.of(1f, 2f)));
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      ExponentialMovingAverage ema = new ExponentialMovingAverage(0.75);
      List<Variable> shadows = ema.apply(List.of(w));
      Variable shadow = shadows.get(0);
      assertThat(shadow.name()).isEqualTo("dense/kernel/ExponentialMovingAverage");
      assertThat(ema.averageName(w)).isEqualTo(shadow.name());
      assertThat(shadow.trainable()).isFalse();
      assertThat(store.get(shadow.name())).isSameAs(shadow);
      assertThat(shadow.value().floatData()).containsExactly(1f, 2f);
      // shadow -= (shadow - var) * 0.25
      w.assign(Tensor.of(5f, -2f));
      ema.apply(List.of(w));
      assertThat(shadow.value().floatData()).containsExactly(2f, 1f);
      ema.apply(List.of(w));
      assertThat(shadow.value().floatData()).containsExactly(2.75f, 0.25f);
      assertThat(ema.average(w)).isSameAs(shadow);
    }
  }

  @Test
  void numUpdatesLowersTheDecayEarlyOn() {
    VariableStore store = new VariableStore();
    Variable step = store.globalStep();
    Variable w = store.add(new Variable("w", Tensor.of(0f)));
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      ExponentialMovingAverage ema = new ExponentialMovingAverage(0.999, step);
      assertThat(ema.currentDecay()).isEqualTo(0.1f);              // (1 + 0) / (10 + 0)
      ema.apply(List.of(w));
      w.assign(Tensor.of(10f));
      step.assign(Tensor.scalar(90L));
      assertThat(ema.currentDecay()).isEqualTo(91f / 100f);
      ema.apply(List.of(w));
      assertThat(ema.average(w).value().floatValue()).isEqualTo(10f * (1f - 0.91f));
      step.assign(Tensor.scalar(1_000_000L));
      assertThat(ema.currentDecay()).isEqualTo(0.999f);
    }
  }

  @Test
  void swapInAndRestoreMaps() {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", Tensor.of(1f)));
    Variable gs = store.globalStep();
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      ExponentialMovingAverage ema = new ExponentialMovingAverage(0.5);
      ema.apply(List.of(w));
      w.assign(Tensor.of(3f));
      ema.apply(List.of(w));                       // average 2
      try (ExponentialMovingAverage.Swap swap = ema.swapIn(store.trainableVariables())) {
        assertThat(w.value().floatValue()).isEqualTo(2f);
      }
      assertThat(w.value().floatValue()).isEqualTo(3f);
      Map<String, Variable> restore = ema.variablesToRestore(store);
      assertThat(restore).containsExactly(Map.entry("w/ExponentialMovingAverage", w),
          Map.entry("global_step", gs));
    }
  }

  @Test
  void float64AndBadInput() {
    VariableStore store = new VariableStore();
    Variable d = store.add(new Variable("d", Tensor.of(0.0)));
    Variable i = store.add(new Variable("i", Tensor.of(1)));
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      ExponentialMovingAverage ema = new ExponentialMovingAverage(0.5);
      ema.apply(List.of(d));
      d.assign(Tensor.of(1.0));
      ema.apply(List.of(d));
      assertThat(ema.average(d).value().doubleValue()).isEqualTo(0.5);
      assertThatThrownBy(() -> ema.apply(List.of(i))).isInstanceOf(InvalidArgumentException.class)
          .hasMessage("ExponentialMovingAverage: variable 'i' is int32; only float32 and float64 "
              + "can be averaged");
    }
    assertThatThrownBy(() -> new ExponentialMovingAverage(1.5))
        .hasMessageContaining("decay must be in [0, 1], got 1.5");
  }
}
