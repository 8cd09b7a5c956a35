package dev.rill.data.dataset;

import static dev.rill.data.dataset.Fixtures.longs;
import static dev.rill.data.dataset.Fixtures.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureTest {
  record Nested(Map<String, Tensor> features, List<Tensor> extra) {}

  @Test
  void stackAndSliceAreInverse() {
    Nested a = new Nested(Map.of("x", seq(0, 2), "y", Tensor.scalar(1f)), List.of(seq(5, 1)));
    Nested b = new Nested(Map.of("x", seq(2, 2), "y", Tensor.scalar(2f)), List.of(seq(6, 1)));
    Nested s = Structure.stack(List.of(a, b));
    assertThat(s.features().get("x").shape()).isEqualTo(Shape.of(2, 2));
    assertThat(s.features().get("y").toFloatArray()).containsExactly(1f, 2f);
    assertThat(Structure.rows(s)).isEqualTo(2);
    Nested back = Structure.slice(s, 1);
    assertThat(longs(back.features().get("x"))).containsExactly(2, 3);
    assertThat(back.features().get("y").floatValue()).isEqualTo(2f);
    assertThat(longs(back.extra().get(0))).containsExactly(6);
    assertThat(Structure.tensors(s)).hasSize(3);
  }

  @Test
  void describeSortsKeysAndShowsDtypesAndShapes() {
    Nested a = new Nested(Map.of("y", Tensor.scalar(1f), "x", seq(0, 2)), List.of());
    assertThat(Structure.describe(a))
        .isEqualTo("Nested(features={x: int64[2], y: float32[]}, extra=[])");
  }

  @Test
  void padStackAppliesOneShapeOrValueToEveryTensor() {
    List<List<Tensor>> elements = List.of(List.of(seq(1, 1), seq(1, 2)),
        List.of(seq(1, 3), seq(1, 1)));
    List<Tensor> out = Structure.padStack(elements, Shape.of(4), Tensor.scalar(-1L));
    assertThat(longs(out.get(0))).containsExactly(1, -1, -1, -1, 1, 2, 3, -1);
    assertThat(longs(out.get(1))).containsExactly(1, 2, -1, -1, 1, -1, -1, -1);
  }

  @Test
  void padStackOfEmptyAndScalarTensors() {
    Tensor empty = Tensor.wrap(dev.rill.core.DType.INT64, Shape.of(0), new long[0]);
    Tensor out = Structure.padStack(List.of(empty, seq(4, 2)), null, null);
    assertThat(longs(out)).containsExactly(0, 0, 4, 5);
    Tensor scalars = Structure.padStack(List.of(Tensor.scalar(1), Tensor.scalar(2)), null, null);
    assertThat(scalars.toIntArray()).containsExactly(1, 2);
  }

  @Test
  void companionStructuresMustFitTheElements() {
    List<Map<String, Tensor>> elements = List.of(Map.of("a", seq(0, 1)));
    assertThatThrownBy(() -> Structure.padStack(elements, Map.of("b", Shape.of(2)), null))
        .hasMessageContaining("keys [b]");
    assertThatThrownBy(() -> Structure.padStack(elements, List.of(Shape.of(2)), null))
        .hasMessageContaining("must be a map");
    assertThatThrownBy(() -> Structure.padStack(elements, Map.of("a", "wide"), null))
        .hasMessageContaining("expected a Shape");
  }

  @Test
  void nullsAndEmptyInputsAreRejected() {
    assertThatThrownBy(() -> Structure.stack(List.of())).hasMessageContaining("no elements");
    assertThatThrownBy(() -> Structure.stack(java.util.Arrays.asList(Pair.of(seq(0, 1), null))))
        .hasMessageContaining("null");
  }
}
