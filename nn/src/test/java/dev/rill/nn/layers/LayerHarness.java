package dev.rill.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keras' {@code run_layer_test} for Rill: one call checks a layer's output shape, its variables
 * (names exactly as TensorFlow gives them, shapes, trainability), that a second call reuses them
 * without building again, and that a new layer object in a later step (a functional call) gets the
 * same variables back from the store and computes the same output.
 *
 * {@snippet :
 * LayerHarness.check(() -> new Dense(3), x, Shape.of(2, 3),
 *     "dense/kernel [4, 3]", "dense/bias [3]");
 * }
 */
final class LayerHarness {
  private LayerHarness() {}

  /**
   * @param variables expected as {@code "name [d0, d1]"}, with {@code " (non-trainable)"} appended
   *     for state
   * @return the output of the first call (inference mode)
   */
  static Tensor check(Supplier<Layer> factory, Tensor input, Shape outputShape,
      String... variables) {
    VariableStore store = new VariableStore();
    Tensor first;
    Layer layer;
    try (Scope s = Scope.open(store, false, new Rng(7), null)) {
      layer = factory.get();
      assertThat(layer.built()).isFalse();
      assertThat(layer.variables()).isEmpty();
      first = layer.apply(input);
      assertThat(first.shape()).as("output shape").isEqualTo(outputShape);
      assertThat(layer.built()).isTrue();
      assertThat(describe(layer.variables())).as("layer variables").containsExactly(variables);
      assertThat(describe(store.variables())).as("store variables").containsExactly(variables);
      List<Variable> vars = layer.variables();
      Tensor again = layer.apply(input);
      assertThat(layer.variables()).as("second call reuses").containsExactlyElementsOf(vars);
      assertThat(store.size()).isEqualTo(variables.length);
      assertThat(again.toDoubleArray()).containsExactly(first.toDoubleArray());
    }
    try (Scope s = Scope.open(store, false, new Rng(8), null)) {
      Layer next = factory.get();
      Tensor y = next.apply(input);
      assertThat(next.name()).as("name in the next step").isEqualTo(layer.name());
      assertThat(next.variables()).as("variables from the store")
          .containsExactlyElementsOf(layer.variables());
      assertThat(y.toDoubleArray()).containsExactly(first.toDoubleArray());
      assertThat(store.size()).isEqualTo(variables.length);
    }
    for (Variable v : layer.variables()) {
      assertThat(layer.trainableVariables().contains(v)).isEqualTo(v.trainable());
      assertThat(layer.nonTrainableVariables().contains(v)).isEqualTo(!v.trainable());
    }
    return first;
  }

  static List<String> describe(List<Variable> vars) {
    return vars.stream()
        .map(v -> v.name() + " " + v.shape() + (v.trainable() ? "" : " (non-trainable)"))
        .toList();
  }
}
