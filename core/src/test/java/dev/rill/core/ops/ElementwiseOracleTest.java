package dev.rill.core.ops;

import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Elementwise float32 results against TensorFlow's, within 1e-6 + 1e-6 * |expected|. */
class ElementwiseOracleTest {
  static Tensor values(long seed, float lo, float hi, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[dev.rill.core.Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = lo + (hi - lo) * (float) r.nextDouble();
    }
    return Tensor.of(dev.rill.core.Shape.of(dims), d);
  }

  static Stream<Arguments> unary() {
    return Stream.of(
        Arguments.of("Neg", (UnaryOperator<Tensor>) MathOps::neg, -3f, 3f),
        Arguments.of("Abs", (UnaryOperator<Tensor>) MathOps::abs, -3f, 3f),
        Arguments.of("Sign", (UnaryOperator<Tensor>) MathOps::sign, -3f, 3f),
        Arguments.of("Square", (UnaryOperator<Tensor>) MathOps::square, -3f, 3f),
        Arguments.of("Sqrt", (UnaryOperator<Tensor>) MathOps::sqrt, 0f, 9f),
        Arguments.of("Rsqrt", (UnaryOperator<Tensor>) MathOps::rsqrt, 0.1f, 9f),
        Arguments.of("Exp", (UnaryOperator<Tensor>) MathOps::exp, -10f, 10f),
        Arguments.of("Log", (UnaryOperator<Tensor>) MathOps::log, 0.01f, 100f),
        Arguments.of("Log1p", (UnaryOperator<Tensor>) MathOps::log1p, -0.9f, 10f),
        Arguments.of("Sin", (UnaryOperator<Tensor>) MathOps::sin, -6f, 6f),
        Arguments.of("Cos", (UnaryOperator<Tensor>) MathOps::cos, -6f, 6f),
        Arguments.of("Tanh", (UnaryOperator<Tensor>) MathOps::tanh, -5f, 5f),
        Arguments.of("Sigmoid", (UnaryOperator<Tensor>) MathOps::sigmoid, -20f, 20f),
        Arguments.of("Relu", (UnaryOperator<Tensor>) MathOps::relu, -3f, 3f),
        Arguments.of("Relu6", (UnaryOperator<Tensor>) MathOps::relu6, -3f, 9f),
        Arguments.of("Elu", (UnaryOperator<Tensor>) MathOps::elu, -3f, 3f),
        Arguments.of("Softplus", (UnaryOperator<Tensor>) MathOps::softplus, -30f, 30f),
        Arguments.of("Floor", (UnaryOperator<Tensor>) MathOps::floor, -3f, 3f),
        Arguments.of("Ceil", (UnaryOperator<Tensor>) MathOps::ceil, -3f, 3f),
        Arguments.of("Round", (UnaryOperator<Tensor>) MathOps::round, -3f, 3f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryMatchesTensorFlow(String op, UnaryOperator<Tensor> f, float lo, float hi) {
    Tensor x = values(op.hashCode(), lo, hi, 4, 25);
    if (op.equals("Round")) {
      // exact halves decide between half-to-even and half-away-from-zero
      x = Tensor.of(-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 0.49f, -0.51f);
    }
    Tensor expected = TfOracle.run(op, List.of(x), Map.of(), 1).get(0);
    Golden.assertClose(op, f.apply(x), expected, 1e-6, 1e-6);
  }

  static Stream<Arguments> binary() {
    return Stream.of(
        Arguments.of("AddV2", (BinaryOperator<Tensor>) MathOps::add),
        Arguments.of("Sub", (BinaryOperator<Tensor>) MathOps::sub),
        Arguments.of("Mul", (BinaryOperator<Tensor>) MathOps::mul),
        Arguments.of("RealDiv", (BinaryOperator<Tensor>) MathOps::div),
        Arguments.of("FloorDiv", (BinaryOperator<Tensor>) MathOps::floorDiv),
        Arguments.of("FloorMod", (BinaryOperator<Tensor>) MathOps::mod),
        Arguments.of("Pow", (BinaryOperator<Tensor>) MathOps::pow),
        Arguments.of("Maximum", (BinaryOperator<Tensor>) MathOps::maximum),
        Arguments.of("Minimum", (BinaryOperator<Tensor>) MathOps::minimum),
        Arguments.of("SquaredDifference", (BinaryOperator<Tensor>) MathOps::squaredDifference),
        Arguments.of("Less", (BinaryOperator<Tensor>) MathOps::less),
        Arguments.of("LessEqual", (BinaryOperator<Tensor>) MathOps::lessEqual),
        Arguments.of("Greater", (BinaryOperator<Tensor>) MathOps::greater),
        Arguments.of("GreaterEqual", (BinaryOperator<Tensor>) MathOps::greaterEqual),
        Arguments.of("Equal", (BinaryOperator<Tensor>) MathOps::equal),
        Arguments.of("NotEqual", (BinaryOperator<Tensor>) MathOps::notEqual));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryMatchesTensorFlowWithBroadcasting(String op, BinaryOperator<Tensor> f) {
    boolean pow = op.equals("Pow");
    Tensor x = values(1, pow ? 0.1f : -4f, 4f, 3, 1, 5);
    Tensor y = MathOps.round(values(2, pow ? -2f : 0.5f, 3f, 4, 1));
    Tensor expected = TfOracle.run(op, List.of(x, y), Map.of(), 1).get(0);
    Golden.assertClose(op, f.apply(x, y), expected, 1e-6, 1e-6);
    // integers too (floor division and modulo of negatives are where languages differ)
    if (!pow && !op.equals("RealDiv")) {
      Tensor xi = Tensor.of(-7, -3, 0, 3, 7, 9);
      Tensor yi = Tensor.of(2, -2, 5, 2, -3, 4);
      Tensor ei = TfOracle.run(op, List.of(xi, yi), Map.of(), 1).get(0);
      Golden.assertClose(op + " int32", f.apply(xi, yi), ei, 0, 0);
    }
  }

  @org.junit.jupiter.api.Test
  void reluGradMatchesTensorFlow() {
    Tensor g = values(3, -2f, 2f, 6, 7);
    Tensor f = Tensor.of(dev.rill.core.Shape.of(6, 7), values(4, -1f, 1f, 6, 7).toFloatArray());
    Tensor expected = TfOracle.run("ReluGrad", List.of(g, f), Map.of(), 1).get(0);
    Tensor got = dev.rill.core.op.Exec.run1(dev.rill.core.ops.math.UnaryDefs.RELU_GRAD, g, f);
    Golden.assertClose("ReluGrad", got, expected, 0, 0);
    // features exactly 0 pass no gradient
    Tensor zero = dev.rill.core.op.Exec.run1(dev.rill.core.ops.math.UnaryDefs.RELU_GRAD,
        Tensor.of(5f), Tensor.of(0f));
    org.assertj.core.api.Assertions.assertThat(zero.toFloatArray()).containsExactly(0f);
  }
}
