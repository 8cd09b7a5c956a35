package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import org.junit.jupiter.api.Test;

/** Wrong use names the op and the shapes or dtypes it received. */
class OpErrorsTest {
  @Test
  void matmulInnerDimensionMismatch() {
    Tensor a = ArrayOps.zeros(Shape.of(2, 3), dev.rill.core.DType.FLOAT32);
    Tensor b = ArrayOps.zeros(Shape.of(4, 5), dev.rill.core.DType.FLOAT32);
    assertThatThrownBy(() -> LinalgOps.matmul(a, b))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("MatMul: inner dimensions differ: lhs [2, 3], rhs [4, 5]");
  }

  @Test
  void matmulRankAndDtype() {
    assertThatThrownBy(() -> LinalgOps.matmul(Tensor.of(1f, 2f), Tensor.of(1f, 2f)))
        .hasMessageStartingWith("BatchMatMulV2: expected rank >= 2");
    assertThatThrownBy(() -> LinalgOps.matmul(Tensor.of(new float[][] {{1}}),
        Tensor.of(new double[][] {{1}})))
        .hasMessageStartingWith("MatMul: operands must have the same dtype")
        .hasMessageContaining("float32").hasMessageContaining("float64");
    assertThatThrownBy(() -> LinalgOps.matmul(ArrayOps.zeros(Shape.of(2, 2), dev.rill.core.DType.INT32),
        ArrayOps.zeros(Shape.of(2, 2), dev.rill.core.DType.INT32)))
        .hasMessageStartingWith("MatMul: expected one of").hasMessageContaining("int32");
  }

  @Test
  void binaryOpsNameIncompatibleShapesAndDtypes() {
    assertThatThrownBy(() -> MathOps.add(ArrayOps.zeros(Shape.of(2, 3), dev.rill.core.DType.FLOAT32),
        ArrayOps.zeros(Shape.of(4), dev.rill.core.DType.FLOAT32)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("AddV2: incompatible shapes [2, 3] and [4]");
    assertThatThrownBy(() -> MathOps.mul(Tensor.of(1f), Tensor.of(1)))
        .hasMessage("Mul: inputs must have the same dtype, got float32[1] and int32[1]");
  }

  @Test
  void unaryOpsNameTheDtype() {
    assertThatThrownBy(() -> MathOps.exp(Tensor.of(1, 2)))
        .hasMessageStartingWith("Exp: expected one of").hasMessageContaining("got int32");
  }

  @Test
  void reductionsNameTheAxis() {
    assertThatThrownBy(() -> ReduceOps.sum(Tensor.of(1f, 2f), new int[] {1}, false))
        .hasMessage("Sum: axis 1 is out of range for input of shape [2]");
    assertThatThrownBy(() -> ReduceOps.sum(Tensor.of(new float[][] {{1}}), new int[] {0, -2}, false))
        .hasMessageContaining("appears twice");
  }

  @Test
  void reshapeAndBroadcastName() {
    assertThatThrownBy(() -> ArrayOps.reshape(Tensor.of(1f, 2f, 3f), 2, -1))
        .hasMessageStartingWith("Reshape: cannot reshape a tensor of shape [3]");
    assertThatThrownBy(() -> ArrayOps.broadcastTo(Tensor.of(1f, 2f), Shape.of(3)))
        .hasMessage("BroadcastTo: cannot broadcast shape [2] to [3]");
  }
}
