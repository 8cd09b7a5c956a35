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
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import org.junit.jupiter.api.Test;

class DropoutFlattenEmbeddingTest {
  private static final Tensor ONES = ArrayOps.ones(Shape.of(100, 100), DType.FLOAT32);

  @Test
  void dropoutIsInactiveInInference() {
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      assertThat(Layers.dropout(ONES, 0.4)).isSameAs(ONES);
      assertThat(new Dropout(0.9).apply(ONES)).isSameAs(ONES);
    }
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(1), null)) {
      assertThat(Layers.dropout(ONES, 0.4, false)).isSameAs(ONES);
      assertThat(Layers.dropout(ONES, 0.0)).isSameAs(ONES);
    }
  }

  @Test
  void dropoutInTrainingDropsAboutRateAndScalesTheRest() {
    float[] a;
    float[] b;
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(5), null)) {
      a = Layers.dropout(ONES, 0.4).toFloatArray();
      b = Layers.dropout(ONES, 0.4, true).toFloatArray();
    }
    int zeros = 0;
    for (float v : a) {
      if (v == 0) {
        zeros++;
      } else {
        assertThat(v).isEqualTo(1 / 0.6f);
      }
    }
    // 10 000 Bernoulli(0.4) draws: 4000 +- 5 standard deviations (49 each)
    assertThat(zeros).isBetween(3755, 4245);
    assertThat(b).as("a new mask each call").isNotEqualTo(a);
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(5), null)) {
      assertThat(Layers.dropout(ONES, 0.4).toFloatArray()).as("seeded").containsExactly(a);
    }
  }

  @Test
  void dropoutNoiseShapeSharesTheMask() {
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(3), null)) {
      Tensor y = new Dropout(0.5, Shape.of(100, 1), null).apply(ONES);
      for (int r = 0; r < 100; r++) {
        float first = y.getFloat(r, 0);
        for (int c = 1; c < 100; c++) {
          assertThat(y.getFloat(r, c)).isEqualTo(first);
        }
      }
    }
    assertThatThrownBy(() -> new Dropout(1.0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("rate=1.0");
  }

  @Test
  void flatten() {
    LayerHarness.check(Flatten::new, f32(1, 2, 3, 4, 5), Shape.of(2, 60));
    LayerHarness.check(Flatten::new, f32(1, 3), Shape.of(3, 1));
    LayerHarness.check(Flatten::new, f32(1, 0, 3, 2), Shape.of(0, 6));
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Tensor x = f32(2, 2, 3, 4);
      assertThat(Layers.flatten(x).toFloatArray()).containsExactly(x.toFloatArray());
      assertThatThrownBy(() -> Layers.flatten(Tensor.scalar(1f)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ndim=0");
    }
  }

  @Test
  void embedding() {
    Tensor ids = Tensor.of(Shape.of(2, 3), 0, 4, 9, 9, 1, 0);
    Tensor y = LayerHarness.check(() -> new Embedding(10, 4), ids, Shape.of(2, 3, 4),
        "embedding/embeddings [10, 4]");
    assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
    for (float v : y.toFloatArray()) {
      assertThat(v).isBetween(-0.05f, 0.05f);
    }
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Embedding e = new Embedding(10, 4);
      Tensor out = e.apply(Tensor.of(Shape.of(2), 3L, 3L));
      float[] table = e.embeddings().value().toFloatArray();
      for (int j = 0; j < 4; j++) {
        assertThat(out.getFloat(0, j)).isEqualTo(table[12 + j]).isEqualTo(out.getFloat(1, j));
      }
      assertThatThrownBy(() -> e.apply(Tensor.of(10)))
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> e.apply(Tensor.of(true)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("bool");
      assertThat(Layers.embedding(Tensor.of(1, 2), 3, 2).shape()).isEqualTo(Shape.of(2, 2));
    }
    assertThatThrownBy(() -> new Embedding(0, 4)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("input_dim = 0");
  }
}
