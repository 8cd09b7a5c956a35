package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import org.junit.jupiter.api.Test;

/** Wrong uses of the reductions: each message starts with the op and names what it received. */
class ReduceErrorTest {
  static final Tensor X = Tensor.of(new float[][] {{1, 2}, {3, 4}});

  @Test
  void axesOutOfRangeOrRepeated() {
    assertThatThrownBy(() -> ReduceOps.max(X, new int[] {2}, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Max: axis 2 is out of range for input of shape [2, 2]");
    assertThatThrownBy(() -> ReduceOps.prod(X, new int[] {-3}, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Prod: axis -3 is out of range for input of shape [2, 2]");
    assertThatThrownBy(() -> ReduceOps.min(X, new int[] {1, -1}, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Min: axis -1 appears twice in [1, -1]");
    assertThatThrownBy(() -> ReduceOps.all(Tensor.of(true), new int[] {1}, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("All: axis 1 is out of range for input of shape [1]");
    assertThatThrownBy(() -> ReduceOps.logSumExp(X, new int[] {5}, false))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ReduceLogSumExp: axis 5 is out of range for input of shape [2, 2]");
  }

  @Test
  void wrongDTypes() {
    assertThatThrownBy(() -> ReduceOps.max(Tensor.of(true, false)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Max: expected one of").hasMessageEndingWith("got bool");
    assertThatThrownBy(() -> ReduceOps.prod(Tensor.of("a")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Prod: expected one of").hasMessageEndingWith("got string");
    assertThatThrownBy(() -> ReduceOps.all(X))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("All: expected one of [bool], got float32");
    assertThatThrownBy(() -> ReduceOps.any(Tensor.of(1, 0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Any: expected one of [bool], got int32");
    assertThatThrownBy(() -> ReduceOps.l2Loss(Tensor.of(1, 2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("L2Loss: expected one of").hasMessageEndingWith("got int32");
    assertThatThrownBy(() -> ReduceOps.logSumExp(Tensor.of(1, 2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ReduceLogSumExp: expected float32 or float64, got int32[2]");
    assertThatThrownBy(() -> ReduceOps.argMax(Tensor.of("a", "b")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("ArgMax: expected one of").hasMessageEndingWith("got string");
  }

  @Test
  void argMaxAndArgMinAttributes() {
    assertThatThrownBy(() -> ReduceOps.argMax(X, 2))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ArgMax: axis 2 is out of range for input of shape [2, 2] (expected [-2, 2))");
    assertThatThrownBy(() -> ReduceOps.argMin(X, -3))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ArgMin: axis -3 is out of range for input of shape [2, 2] (expected [-2, 2))");
    assertThatThrownBy(() -> ReduceOps.argMax(Tensor.scalar(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ArgMax: axis 0 is out of range for input of shape [] (expected [0, 0))");
    assertThatThrownBy(() -> ReduceOps.argMax(Tensor.of(Shape.of(2, 0), new float[0]), 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ArgMax: reduction axis 1 is empty in shape [2, 0]");
    assertThatThrownBy(() -> ReduceOps.argMin(X, 0, DType.FLOAT32))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ArgMin: output_type must be int32 or int64, got float32");
  }
}
