package dev.rill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.kernel.BufferPool;
import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void factoriesCopyTheirArguments() {
    float[] data = {1, 2, 3};
    Tensor t = Tensor.of(data);
    data[0] = 99;
    assertThat(t.toFloatArray()).containsExactly(1, 2, 3);
    assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(t.shape()).isEqualTo(Shape.of(3));
  }

  @Test
  void wrapChecksTheDataLength() {
    assertThatThrownBy(() -> Tensor.wrap(DType.FLOAT32, Shape.of(2, 2), new float[3]))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("length 3").hasMessageContaining("[2, 2]");
    assertThatThrownBy(() -> Tensor.wrap(DType.COMPLEX64, Shape.of(2), new float[2]))
        .hasMessageContaining("expected 4");
  }

  @Test
  void everyDtypeHoldsItsValues() {
    assertThat(Tensor.of(1.5, 2.5).toDoubleArray()).containsExactly(1.5, 2.5);
    assertThat(Tensor.of(Long.MAX_VALUE).getLong(0)).isEqualTo(Long.MAX_VALUE);
    assertThat(Tensor.of(true, false).toBooleanArray()).containsExactly(true, false);
    assertThat(Tensor.ofUint8(Shape.of(1), (byte) 200).getDouble(0)).isEqualTo(200);
    assertThat(Tensor.of("café", "日本").toStringArray()).containsExactly("café", "日本");
    Tensor c = Tensor.ofComplex(Shape.of(1), 1f, -2f);
    assertThat(c.complexData()).containsExactly(1f, -2f);
    assertThat(Tensor.scalar(3).intValue()).isEqualTo(3);
  }

  @Test
  void readsByMultiDimensionalIndexAndChecksBounds() {
    Tensor t = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(t.getFloat(1, 2)).isEqualTo(6f);
    assertThatThrownBy(() -> t.getFloat(2, 0)).hasMessageContaining("out of bounds");
    assertThatThrownBy(() -> t.floatValue()).hasMessageContaining("single element");
    assertThatThrownBy(() -> t.intData()).hasMessageContaining("expected int32");
  }

  @Test
  void printsLikeNumpy() {
    Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    assertThat(t.toString())
        .isEqualTo("Tensor([[1.0, 2.0],\n        [3.0, 4.0]], shape=[2, 2], dtype=float32)");
    assertThat(Tensor.scalar(7L).toString()).isEqualTo("Tensor(7, shape=[], dtype=int64)");
    assertThat(Tensor.of("a").toString()).contains("\"a\"");
    assertThat(Tensor.ofComplex(Shape.of(1), 1f, -2f).toString()).contains("1.0-2.0j");
  }

  @Test
  void longTensorsAreSummarised() {
    float[] d = new float[2000];
    for (int i = 0; i < d.length; i++) {
      d[i] = i;
    }
    String s = Tensor.of(d).toString();
    assertThat(s).contains("0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0");
    assertThat(s.length()).isLessThan(100);
  }

  @Test
  void variablesKeepDtypeAndShape() {
    Variable v = new Variable("dense/kernel", Tensor.of(1f, 2f));
    v.assignAdd(Tensor.of(1f, 1f));
    assertThat(v.value().toFloatArray()).containsExactly(2f, 3f);
    assertThat(v.value().origin()).isSameAs(v);
    assertThatThrownBy(() -> v.assign(Tensor.of(1f, 2f, 3f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("dense/kernel").hasMessageContaining("[3]");
    assertThatThrownBy(() -> v.assign(Tensor.of(1.0, 2.0))).hasMessageContaining("float64");
  }

  @Test
  void aVariableKeepsAValueMadeInABufferPoolStep() {
    int n = BufferPool.MIN_LENGTH + 777;
    Tensor ones = Tensor.wrap(DType.FLOAT32, Shape.of(n), new float[n]).add(1f);
    Variable created;
    Variable assigned = new Variable("assigned", ones);
    try (BufferPool.Step step = BufferPool.step()) {
      created = new Variable("created", ones.add(1f));
      assigned.assign(ones.add(2f));
      ones.add(9f); // an intermediate: comes back when the step closes
    }
    try (BufferPool.Step step = BufferPool.step()) {
      for (int i = 0; i < 3; i++) {
        ones.add(100f + i);
      }
    }
    assertThat(created.value().floatData()).containsOnly(2f);
    assertThat(assigned.value().floatData()).containsOnly(3f);
  }
}
