package dev.rill.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.init.Initializers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Layer contract: naming per scope, build once, weights in the store, reuse. */
class LayerTest {
  /** A layer that counts its builds and adds one weight. */
  static final class Counting extends Layer {
    int builds;
    Variable w;

    Counting(String name) {
      super("counting", name);
    }

    @Override
    protected void build(Shape inputShape) {
      builds++;
      w = addWeight("w", Shape.of(inputShape.dim(1)), Initializers.ones(), true);
    }

    @Override
    protected Tensor call(Tensor inputs, boolean training) {
      return inputs.mul(w.value());
    }
  }

  private static final Tensor X = Tensor.of(new float[][] {{1, 2}, {3, 4}});

  @Test
  void buildsOnceOnFirstCallAndNamesItselfThen() {
    VariableStore store = new VariableStore();
    Counting layer = new Counting(null);
    assertThat(layer.name()).isNull();
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      s.uniqueName("counting");
      layer.apply(X);
      layer.apply(X);
    }
    assertThat(layer.builds).isEqualTo(1);
    assertThat(layer.name()).isEqualTo("counting_1");
    assertThat(store.get("counting_1/w")).isSameAs(layer.w);
    assertThat(layer.toString()).isEqualTo("Counting(counting_1)");
  }

  @Test
  void namesStayTheSameEveryStepWhenObjectAndFunctionalLayersMix() {
    VariableStore store = new VariableStore();
    Dense kept = new Dense(3);
    List<String> firstStep = null;
    for (int step = 0; step < 3; step++) {
      try (Scope s = Scope.open(store, true, new Rng(1), null)) {
        Tensor h = Layers.dense(X, 4);            // functional: dense
        h = kept.apply(h);                        // object: dense_1 from step 0 on
        h = Layers.dense(h, 2);                   // functional: dense_2
        h = Dense.builder(2).name("logits").build().apply(h); // never uniquified
        h = Layers.dense(h, 2);                   // dense_3
        List<String> names = LayerHarness.describe(store.variables());
        if (firstStep == null) {
          firstStep = names;
        }
        assertThat(names).isEqualTo(firstStep);
      }
    }
    assertThat(firstStep).containsExactly("dense/kernel [2, 4]", "dense/bias [4]",
        "dense_1/kernel [4, 3]", "dense_1/bias [3]", "dense_2/kernel [3, 2]", "dense_2/bias [2]",
        "logits/kernel [2, 2]", "logits/bias [2]", "dense_3/kernel [2, 2]", "dense_3/bias [2]");
    assertThat(kept.name()).isEqualTo("dense_1");
  }

  @Test
  void aGivenNameTakesItsPlaceAmongDefaultNames() {
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      Dense named = Dense.builder(2).name("dense").build();
      named.apply(X);
      Dense next = new Dense(2);
      next.apply(X);
      assertThat(next.name()).isEqualTo("dense_1");
    }
  }

  @Test
  void anObjectLayerBringsItsVariablesIntoANewStore() {
    Counting layer = new Counting(null);
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      layer.apply(X);
    }
    VariableStore other = new VariableStore();
    try (Scope s = Scope.open(other, true, new Rng(1), null)) {
      layer.apply(X);
    }
    assertThat(other.variables()).containsExactly(layer.w);
    assertThat(layer.builds).isEqualTo(1);
  }

  @Test
  void variablesComeFromTheScopesRngAndRepeatWithItsSeed() {
    float[][] kernels = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (Scope s = Scope.open(new VariableStore(), true, new Rng(99), null)) {
        Dense d = new Dense(5);
        d.apply(X);
        kernels[run] = d.variables().get(0).value().toFloatArray();
      }
    }
    assertThat(kernels[1]).containsExactly(kernels[0]);
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(100), null)) {
      Dense d = new Dense(5);
      d.apply(X);
      assertThat(d.variables().get(0).value().toFloatArray()).isNotEqualTo(kernels[0]);
    }
  }

  @Test
  void aFailedBuildLeavesNoWeightsBehind() {
    Dense d = new Dense(3);
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      assertThatThrownBy(() -> d.apply(Tensor.of(1f, 2f)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("rank >= 2").hasMessageContaining("[2]");
      assertThat(d.built()).isFalse();
      assertThat(d.variables()).isEmpty();
      d.apply(X);
      assertThat(d.variables()).hasSize(2);
    }
  }

  @Test
  void outsideAnyScopeLayersUseTheDefaultScope() {
    Dense d = new Dense(1);
    Tensor y = d.apply(X);
    assertThat(y.shape()).isEqualTo(Shape.of(2, 1));
    assertThat(Scope.current().store().variables()).containsAll(d.variables());
  }

  @Test
  void existingVariableOfAnotherShapeIsAnError() {
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      Layers.dense(X, 3);
    }
    VariableStore store = new VariableStore();
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      Layers.dense(X, 3);
    }
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      assertThatThrownBy(() -> Layers.dense(X, 4))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("dense/kernel").hasMessageContaining("[2, 3]")
          .hasMessageContaining("[2, 4]");
    }
  }
}
