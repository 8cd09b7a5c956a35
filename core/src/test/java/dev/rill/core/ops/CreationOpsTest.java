package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * range, linspace, eye, zeros, ones and fill: hand-worked values, TensorFlow's exact float32
 * numbers for Range and LinSpace (both accumulate in the output dtype), and errors.
 */
class CreationOpsTest {
  @Test
  void handValues() {
    assertThat(ArrayOps.range(5).toIntArray()).containsExactly(0, 1, 2, 3, 4);
    assertThat(ArrayOps.range(10, 0, -3).toIntArray()).containsExactly(10, 7, 4, 1);
    assertThat(ArrayOps.range(3, 3, 1).shape()).isEqualTo(Shape.of(0));
    Tensor f = ArrayOps.range(0, 1, 0.25, DType.FLOAT64);
    assertThat(f.toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75);
    assertThat(ArrayOps.range(-2, 2, 1, DType.INT64).toLongArray()).containsExactly(-2, -1, 0, 1);
    assertThat(ArrayOps.linspace(Tensor.scalar(1.0), Tensor.scalar(2.0), 5).toDoubleArray())
        .containsExactly(1, 1.25, 1.5, 1.75, 2);
    assertThat(ArrayOps.linspace(Tensor.scalar(3f), Tensor.scalar(9f), 1).toFloatArray())
        .containsExactly(3f);
    assertThat(ArrayOps.eye(3).toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
    Tensor rect = ArrayOps.eye(2, 3, Shape.of(2), DType.INT32);
    assertThat(rect.shape()).isEqualTo(Shape.of(2, 2, 3));
    assertThat(rect.toIntArray()).containsExactly(1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0);
    assertThat(ArrayOps.eye(3, 2, Shape.scalar(), DType.FLOAT64).toDoubleArray())
        .containsExactly(1, 0, 0, 1, 0, 0);
    assertThat(ArrayOps.zeros(Shape.of(2, 0), DType.FLOAT32).shape()).isEqualTo(Shape.of(2, 0));
    assertThat(ArrayOps.ones(Shape.of(2), DType.INT64).toLongArray()).containsExactly(1, 1);
    assertThat(ArrayOps.zerosLike(Tensor.of(true, true)).toBooleanArray())
        .containsExactly(false, false);
    assertThat(ArrayOps.onesLike(Tensor.scalar(4.0)).doubleValue()).isEqualTo(1.0);
    assertThat(ArrayOps.fill(Shape.of(2, 2), Tensor.scalar("x")).toStringArray())
        .containsExactly("x", "x", "x", "x");
  }

  @Test
  void rangeAndLinSpaceMatchTensorFlow() {
    double[][] cases = {{0, 1, 0.1}, {-3.3, 7.1, 0.7}, {5, -5, -0.3}, {0.1, 0.2, 0.01}};
    for (double[] c : cases) {
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
        Tensor expected = TfOracle.run("Range", List.of(Tensor.scalarOf(t, c[0]),
            Tensor.scalarOf(t, c[1]), Tensor.scalarOf(t, c[2])), Map.of(), 1).get(0);
        Golden.assertClose("Range " + t + " " + java.util.Arrays.toString(c),
            ArrayOps.range(c[0], c[1], c[2], t), expected, 0, 0);
      }
    }
    Tensor ints = TfOracle.run("Range", List.of(Tensor.scalar(-7), Tensor.scalar(20),
        Tensor.scalar(4)), Map.of(), 1).get(0);
    Golden.assertClose("Range int32", ArrayOps.range(-7, 20, 4), ints, 0, 0);
    float[][] lin = {{0, 1, 11}, {-2.5f, 7.3f, 7}, {3, -3, 4}, {1e-3f, 1e3f, 50}};
    for (float[] c : lin) {
      Tensor expected = TfOracle.run("LinSpace", List.of(Tensor.scalar(c[0]), Tensor.scalar(c[1]),
          Tensor.scalar((int) c[2])), Map.of(), 1).get(0);
      Golden.assertClose("LinSpace " + java.util.Arrays.toString(c), ArrayOps.linspace(
          Tensor.scalar(c[0]), Tensor.scalar(c[1]), (int) c[2]), expected, 0, 0);
    }
    Tensor fill = TfOracle.run("Fill", List.of(Tensor.of(2, 3), Tensor.scalar(1.5f)), Map.of(), 1)
        .get(0);
    Golden.assertClose("Fill", ArrayOps.fill(Shape.of(2, 3), Tensor.scalar(1.5f)), fill, 0, 0);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> ArrayOps.range(0, 5, 0)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Range:").hasMessageContaining("delta must be non-zero");
    assertThatThrownBy(() -> ArrayOps.range(5, 0, 1)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Range:").hasMessageContaining("start 5.0 must be <= limit 0.0");
    assertThatThrownBy(() -> ArrayOps.range(0, 5, -1))
        .hasMessageStartingWith("Range:").hasMessageContaining(">=");
    assertThatThrownBy(() -> ArrayOps.range(0, 5, 1, DType.BOOL))
        .hasMessageStartingWith("Range:").hasMessageContaining("bool");
    assertThatThrownBy(() -> ArrayOps.linspace(Tensor.scalar(0f), Tensor.scalar(1f), 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("LinSpace:").hasMessageContaining("num must be > 0, got 0");
    assertThatThrownBy(() -> ArrayOps.linspace(Tensor.scalar(0f), Tensor.scalar(1.0), 3))
        .hasMessageStartingWith("LinSpace:").hasMessageContaining("float64");
    assertThatThrownBy(() -> ArrayOps.linspace(Tensor.scalar(0), Tensor.scalar(1), 3))
        .hasMessageStartingWith("LinSpace:").hasMessageContaining("int32");
    assertThatThrownBy(() -> ArrayOps.fill(Shape.of(2), Tensor.of(1f, 2f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Fill:").hasMessageContaining("scalar");
  }
}
