package dev.rill.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

class ScopeTest {
  @Test
  void layerNamesAreCountedPerScope() {
    VariableStore store = new VariableStore();
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      assertThat(Scope.current()).isSameAs(s);
      assertThat(s.uniqueName("dense")).isEqualTo("dense");
      assertThat(s.uniqueName("dense")).isEqualTo("dense_1");
      assertThat(s.uniqueName("conv2d")).isEqualTo("conv2d");
      assertThat(s.uniqueName("dense")).isEqualTo("dense_2");
    }
    try (Scope s = Scope.open(store, false, new Rng(1), null)) {
      assertThat(s.uniqueName("dense")).isEqualTo("dense");
      assertThat(s.training()).isFalse();
    }
    assertThat(Scope.current().store()).isNotSameAs(store);
  }

  @Test
  void theStoreCreatesOnceThenReuses() {
    VariableStore store = new VariableStore();
    Variable a = store.getOrCreate("dense/kernel", Shape.of(2, 3), DType.FLOAT32,
        () -> GradCheck.random(1, 2, 3).cast(DType.FLOAT32), true);
    Variable b = store.getOrCreate("dense/kernel", Shape.of(2, 3), DType.FLOAT32,
        () -> { throw new AssertionError("not called again"); }, true);
    assertThat(b).isSameAs(a);
    assertThat(store.globalStep().value().longValue()).isZero();
    assertThat(store.trainableVariables()).containsExactly(a);
    assertThat(store.variables()).hasSize(2);
    assertThatThrownBy(() -> store.getOrCreate("dense/kernel", Shape.of(3, 3), DType.FLOAT32,
        () -> ArrayOps.zeros(Shape.of(3, 3), DType.FLOAT32), true))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("dense/kernel").hasMessageContaining("[2, 3]")
        .hasMessageContaining("[3, 3]");
    assertThatThrownBy(() -> store.getOrCreate("x", Shape.of(1), DType.FLOAT32,
        () -> Tensor.of(1.0), true)).hasMessageContaining("initial value");
  }

  @Test
  void restoredValuesWaitForTheirVariables() {
    VariableStore store = new VariableStore();
    Variable early = store.getOrCreate("a", Shape.of(1), DType.FLOAT32, () -> Tensor.of(0f), true);
    int now = store.restore(java.util.Map.of("a", Tensor.of(1f), "b", Tensor.of(2f, 3f)));
    assertThat(now).isEqualTo(1);
    assertThat(early.value().toFloatArray()).containsExactly(1f);
    Variable late = store.getOrCreate("b", Shape.of(2), DType.FLOAT32,
        () -> Tensor.of(0f, 0f), true);
    assertThat(late.value().toFloatArray()).containsExactly(2f, 3f);
    assertThat(store.snapshot()).containsOnlyKeys("a", "b");
    store.restore(java.util.Map.of("c", Tensor.of(1f)));
    assertThatThrownBy(() -> store.getOrCreate("c", Shape.of(2), DType.FLOAT32,
        () -> Tensor.of(0f, 0f), true)).hasMessageContaining("checkpointed value of variable 'c'");
  }

  @Test
  void uniqueNamesSkipReservedOnesAndRegularizationLossesCountOncePerVariable() {
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      s.reserveName("dense_1");
      assertThat(s.uniqueName("dense")).isEqualTo("dense");
      assertThat(s.uniqueName("dense")).isEqualTo("dense_2");
      s.reserveName("conv2d");
      assertThat(s.uniqueName("conv2d")).isEqualTo("conv2d_1");
      s.addRegularizationLoss("dense/kernel", Tensor.scalar(1f));
      s.addRegularizationLoss("conv2d/kernel", Tensor.scalar(2f));
      s.addRegularizationLoss("dense/kernel", Tensor.scalar(3f));
      assertThat(s.regularizationLosses()).extracting(Tensor::floatValue).containsExactly(3f, 2f);
    }
  }
}
