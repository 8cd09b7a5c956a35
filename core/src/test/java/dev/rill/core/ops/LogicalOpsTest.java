package dev.rill.core.ops;

import static dev.rill.core.ops.MathSelectTest.bools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LogicalAnd/Or/Not and IsNan/IsInf/IsFinite against TensorFlow, exactly. */
class LogicalOpsTest {
  static final int[][][] SHAPES = {{{3, 4}, {3, 4}}, {{3, 4}, {}}, {{2, 1, 4}, {3, 1}}, {{0}, {1}},
      {{}, {}}};

  @ParameterizedTest
  @ValueSource(strings = {"LogicalAnd", "LogicalOr"})
  void binaryLogicMatchesTensorFlowWithBroadcasting(String op) {
    BinaryOperator<Tensor> f = op.equals("LogicalAnd") ? MathOps::logicalAnd : MathOps::logicalOr;
    int seed = 1;
    for (int[][] s : SHAPES) {
      Tensor x = bools(seed++, s[0]);
      Tensor y = bools(seed++, s[1]);
      Tensor expected = TfOracle.run(op, List.of(x, y), Map.of(), 1).get(0);
      Golden.assertClose(op + " " + x.shape() + y.shape(), f.apply(x, y), expected, 0, 0);
    }
  }

  @Test
  void logicalNotMatchesTensorFlow() {
    for (Tensor x : List.of(bools(1, 3, 4), Tensor.scalar(true), bools(2, 0, 2))) {
      Tensor expected = TfOracle.run("LogicalNot", List.of(x), Map.of(), 1).get(0);
      Golden.assertClose("LogicalNot", MathOps.logicalNot(x), expected, 0, 0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"IsNan", "IsInf", "IsFinite"})
  void floatTestsMatchTensorFlow(String op) {
    UnaryOperator<Tensor> f = switch (op) {
      case "IsNan" -> MathOps::isNan;
      case "IsInf" -> MathOps::isInf;
      default -> MathOps::isFinite;
    };
    float inf = Float.POSITIVE_INFINITY;
    Tensor x = Tensor.of(0f, -1.5f, Float.NaN, inf, -inf, Float.MAX_VALUE, Float.MIN_VALUE, -0f);
    Golden.assertClose(op, f.apply(x), TfOracle.run(op, List.of(x), Map.of(), 1).get(0), 0, 0);
    Tensor d = Tensor.of(Double.NaN, 1e300, Double.NEGATIVE_INFINITY);
    Golden.assertClose(op + " float64", f.apply(d), TfOracle.run(op, List.of(d), Map.of(), 1)
        .get(0), 0, 0);
  }

  @Test
  void noGradientFlowsThroughTests() {
    Tensor x = Tensor.of(1f, Float.NaN);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = MathOps.where(MathOps.isNan(x), Tensor.scalar(0f), x).sum();
    }
    // d/dx where(isnan(x), 0, x) = 1 where x is a number, 0 at the NaN
    assertThat(tape.gradient(y, x).toFloatArray()).containsExactly(1f, 0f);
  }

  @Test
  void wrongUseNamesTheOpAndWhatWasReceived() {
    assertThatThrownBy(() -> MathOps.logicalAnd(Tensor.of(1f), Tensor.of(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("LogicalAnd: expected bool inputs, got float32[1] and float32[1]");
    assertThatThrownBy(() -> MathOps.logicalOr(Tensor.of(true, false), Tensor.of(true, false,
        true)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("LogicalOr: incompatible shapes [2] and [3]");
    assertThatThrownBy(() -> MathOps.logicalNot(Tensor.of(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("LogicalNot: expected one of [bool], got int32");
    assertThatThrownBy(() -> MathOps.isNan(Tensor.of(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("IsNan: expected one of").hasMessageEndingWith("got int32");
    assertThatThrownBy(() -> MathOps.isFinite(Tensor.of(true)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("IsFinite:").hasMessageEndingWith("got bool");
  }
}
