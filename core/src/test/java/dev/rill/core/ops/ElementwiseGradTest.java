package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static dev.rill.core.testing.GradCheck.uniform;

import dev.rill.core.Tensor;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of every differentiable elementwise op, with broadcasting and edges. */
class ElementwiseGradTest {
  static Stream<Arguments> unary() {
    return Stream.of(
        Arguments.of("neg", (UnaryOperator<Tensor>) MathOps::neg, -1.0, 1.0),
        Arguments.of("abs", (UnaryOperator<Tensor>) MathOps::abs, 0.1, 1.0),
        Arguments.of("square", (UnaryOperator<Tensor>) MathOps::square, -1.0, 1.0),
        Arguments.of("sqrt", (UnaryOperator<Tensor>) MathOps::sqrt, 0.2, 2.0),
        Arguments.of("rsqrt", (UnaryOperator<Tensor>) MathOps::rsqrt, 0.2, 2.0),
        Arguments.of("exp", (UnaryOperator<Tensor>) MathOps::exp, -2.0, 2.0),
        Arguments.of("log", (UnaryOperator<Tensor>) MathOps::log, 0.2, 3.0),
        Arguments.of("log1p", (UnaryOperator<Tensor>) MathOps::log1p, -0.5, 2.0),
        Arguments.of("sin", (UnaryOperator<Tensor>) MathOps::sin, -3.0, 3.0),
        Arguments.of("cos", (UnaryOperator<Tensor>) MathOps::cos, -3.0, 3.0),
        Arguments.of("tanh", (UnaryOperator<Tensor>) MathOps::tanh, -2.0, 2.0),
        Arguments.of("sigmoid", (UnaryOperator<Tensor>) MathOps::sigmoid, -4.0, 4.0),
        Arguments.of("relu", (UnaryOperator<Tensor>) MathOps::relu, -1.0, 1.0),
        Arguments.of("relu6", (UnaryOperator<Tensor>) MathOps::relu6, -2.0, 8.0),
        Arguments.of("elu", (UnaryOperator<Tensor>) MathOps::elu, -2.0, 2.0),
        Arguments.of("softplus", (UnaryOperator<Tensor>) MathOps::softplus, -3.0, 3.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryGradients(String name, UnaryOperator<Tensor> op, double lo, double hi) {
    for (int[] dims : new int[][] {{}, {1}, {3, 4}, {2, 0, 3}}) {
      check(in -> op.apply(in.get(0)), uniform(dims.length + 17, lo, hi, dims));
    }
  }

  static Stream<Arguments> binary() {
    return Stream.of(
        Arguments.of("add", (BinaryOperator<Tensor>) MathOps::add, -1.0, 1.0),
        Arguments.of("sub", (BinaryOperator<Tensor>) MathOps::sub, -1.0, 1.0),
        Arguments.of("mul", (BinaryOperator<Tensor>) MathOps::mul, -1.0, 1.0),
        Arguments.of("div", (BinaryOperator<Tensor>) MathOps::div, 0.5, 2.0),
        Arguments.of("maximum", (BinaryOperator<Tensor>) MathOps::maximum, -1.0, 1.0),
        Arguments.of("minimum", (BinaryOperator<Tensor>) MathOps::minimum, -1.0, 1.0),
        Arguments.of("pow", (BinaryOperator<Tensor>) MathOps::pow, 0.5, 2.0),
        Arguments.of("squaredDifference", (BinaryOperator<Tensor>) MathOps::squaredDifference,
            -1.0, 1.0),
        Arguments.of("mod", (BinaryOperator<Tensor>) MathOps::mod, 0.3, 2.0));
  }

  /** Shape pairs that exercise broadcasting: equal, scalar, leading, middle, size-1, empty. */
  static final int[][][] SHAPES = {
      {{3, 4}, {3, 4}}, {{3, 4}, {}}, {{}, {3, 4}}, {{2, 3, 4}, {4}}, {{2, 1, 4}, {3, 1}},
      {{1}, {5}}, {{2, 0}, {1}}};

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryGradients(String name, BinaryOperator<Tensor> op, double lo, double hi) {
    int seed = 1;
    for (int[][] pair : SHAPES) {
      check(in -> op.apply(in.get(0), in.get(1)), uniform(seed++, lo, hi, pair[0]),
          uniform(seed++, lo, hi, pair[1]));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reductions")
  void reductionGradients(String name, Function<Tensor, Tensor> op) {
    check(in -> op.apply(in.get(0)), random(3, 2, 3, 4));
  }

  static Stream<Arguments> reductions() {
    return Stream.of(
        Arguments.of("sum all", (Function<Tensor, Tensor>) ReduceOps::sum),
        Arguments.of("sum 1", (Function<Tensor, Tensor>) x -> ReduceOps.sum(x, new int[] {1}, false)),
        Arguments.of("sum -1 keep",
            (Function<Tensor, Tensor>) x -> ReduceOps.sum(x, new int[] {-1}, true)),
        Arguments.of("sum 0,2", (Function<Tensor, Tensor>) x -> ReduceOps.sum(x, new int[] {0, 2},
            false)),
        Arguments.of("mean all", (Function<Tensor, Tensor>) ReduceOps::mean),
        Arguments.of("mean 0 keep",
            (Function<Tensor, Tensor>) x -> ReduceOps.mean(x, new int[] {0}, true)),
        Arguments.of("reshape", (Function<Tensor, Tensor>) x -> ArrayOps.reshape(x, 4, -1)),
        Arguments.of("broadcastTo", (Function<Tensor, Tensor>) x ->
            ArrayOps.broadcastTo(ArrayOps.reshape(x, 2, 1, 3, 4), dev.rill.core.Shape.of(2, 5, 3, 4))));
  }

  @ParameterizedTest(name = "ta={0} tb={1}")
  @MethodSource("transposes")
  void matmulGradients(boolean ta, boolean tb) {
    Tensor a = ta ? random(1, 4, 3) : random(1, 3, 4);
    Tensor b = tb ? random(2, 5, 4) : random(2, 4, 5);
    check(in -> LinalgOps.matmul(in.get(0), in.get(1), ta, tb), a, b);
    // batched, with the lhs batch broadcast against the rhs
    Tensor ba = ta ? random(3, 1, 4, 3) : random(3, 1, 3, 4);
    Tensor bb = tb ? random(4, 2, 5, 4) : random(4, 2, 4, 5);
    check(in -> LinalgOps.matmul(in.get(0), in.get(1), ta, tb), ba, bb);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unarySecondOrderGradients(String name, UnaryOperator<Tensor> op, double lo, double hi) {
    dev.rill.core.testing.GradCheck.checkSecondOrder(in -> op.apply(in.get(0)), 0,
        uniform(99, lo, hi, 2, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binarySecondOrderGradients(String name, BinaryOperator<Tensor> op, double lo, double hi) {
    for (int which = 0; which < 2; which++) {
      dev.rill.core.testing.GradCheck.checkSecondOrder(in -> op.apply(in.get(0), in.get(1)), which,
          uniform(7, lo, hi, 2, 3), uniform(8, lo, hi, 3));
    }
  }

  @org.junit.jupiter.api.Test
  void matmulSecondOrderGradients() {
    dev.rill.core.testing.GradCheck.checkSecondOrder(
        in -> MathOps.tanh(LinalgOps.matmul(in.get(0), in.get(1))), 0, random(1, 2, 3),
        random(2, 3, 4));
  }

  static List<Arguments> transposes() {
    return List.of(Arguments.of(false, false), Arguments.of(false, true), Arguments.of(true, false),
        Arguments.of(true, true));
  }
}
