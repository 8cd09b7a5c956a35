package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * complex64 values against TensorFlow (TfOracle carries complex through TF's Complex/Real/Imag),
 * hand-derived values, and TensorFlow's gradient convention checked by finite differences.
 */
class ComplexOpsTest {
  static Tensor complexes(long seed, float scale, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[2 * Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = scale * (float) (2 * r.nextDouble() - 1);
    }
    return Tensor.ofComplex(Shape.of(dims), d);
  }

  /** Element-wise closeness of the interleaved parts, relative to the largest part. */
  static void assertComplexClose(String what, Tensor got, Tensor expected, double rtol) {
    assertThat(got.dtype()).as(what).isEqualTo(DType.COMPLEX64);
    assertThat(got.shape()).as(what).isEqualTo(expected.shape());
    float[] g = got.complexData();
    float[] e = expected.complexData();
    double scale = 0;
    for (float v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < g.length; i++) {
      boolean same = g[i] == e[i] || (Float.isNaN(g[i]) && Float.isNaN(e[i]));
      if (!same && !(Math.abs(g[i] - e[i]) <= rtol * (Math.abs(e[i]) + scale))) {
        throw new AssertionError(what + ": part " + i + " is " + g[i] + ", expected " + e[i]);
      }
    }
  }

  static Stream<Arguments> binary() {
    return Stream.of(
        Arguments.of("AddV2", (BinaryOperator<Tensor>) MathOps::add),
        Arguments.of("Sub", (BinaryOperator<Tensor>) MathOps::sub),
        Arguments.of("Mul", (BinaryOperator<Tensor>) MathOps::mul),
        Arguments.of("RealDiv", (BinaryOperator<Tensor>) MathOps::div));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryMatchesTensorFlowWithBroadcasting(String op, BinaryOperator<Tensor> f) {
    int[][][] shapes = {{{3, 4}, {3, 4}}, {{2, 1, 4}, {3, 1}}, {{}, {5}}, {{0, 2}, {2}}};
    int seed = 1;
    for (int[][] s : shapes) {
      Tensor x = complexes(seed++, 3, s[0]);
      Tensor y = complexes(seed++, 3, s[1]);
      Tensor expected = TfOracle.run(op, List.of(x, y), Map.of(), 1).get(0);
      assertComplexClose(op + " " + x.shape() + y.shape(), f.apply(x, y), expected, 1e-6);
    }
  }

  static Stream<Arguments> unary() {
    return Stream.of(
        Arguments.of("Neg", (UnaryOperator<Tensor>) MathOps::neg),
        Arguments.of("Square", (UnaryOperator<Tensor>) MathOps::square),
        Arguments.of("Exp", (UnaryOperator<Tensor>) MathOps::exp),
        Arguments.of("Conj", (UnaryOperator<Tensor>) MathOps::conj));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryMatchesTensorFlow(String op, UnaryOperator<Tensor> f) {
    Tensor x = complexes(op.hashCode(), 4, 5, 6);
    Tensor expected = TfOracle.run(op, List.of(x), Map.of(), 1).get(0);
    assertComplexClose(op, f.apply(x), expected, 2e-6);
  }

  @Test
  void partsMatchTensorFlow() {
    Tensor z = complexes(7, 1e3f, 3, 5);
    Golden.assertClose("Real", MathOps.real(z),
        TfOracle.run("Real", List.of(z), Map.of("Tout", DType.FLOAT32), 1).get(0), 0, 0);
    Golden.assertClose("Imag", MathOps.imag(z),
        TfOracle.run("Imag", List.of(z), Map.of("Tout", DType.FLOAT32), 1).get(0), 0, 0);
    Golden.assertClose("ComplexAbs", MathOps.abs(z),
        TfOracle.run("ComplexAbs", List.of(z), Map.of("Tout", DType.FLOAT32), 1).get(0),
        0, 1e-6);
    Tensor re = ElementwiseOracleTest.values(8, -2, 2, 3, 1);
    Tensor im = ElementwiseOracleTest.values(9, -2, 2, 4);
    assertComplexClose("Complex", MathOps.complex(re, im),
        TfOracle.run("Complex", List.of(re, im), Map.of("Tout", DType.COMPLEX64), 1).get(0), 0);
  }

  @Test
  void sumMeanAndWhereMatchTensorFlow() {
    Tensor z = complexes(10, 2, 3, 4);
    assertComplexClose("Sum", ReduceOps.sum(z, new int[] {1}, false),
        TfOracle.run("Sum", List.of(z, Tensor.of(1)), Map.of(), 1).get(0), 1e-6);
    assertComplexClose("Mean", ReduceOps.mean(z, new int[] {0}, true),
        TfOracle.run("Mean", List.of(z, Tensor.of(0)), Map.of("keep_dims", true), 1).get(0),
        1e-6);
    Tensor c = MathSelectTest.bools(11, 3, 1);
    Tensor w = complexes(12, 2, 4);
    assertComplexClose("SelectV2", MathOps.where(c, z, w),
        TfOracle.run("SelectV2", List.of(c, z, w), Map.of(), 1).get(0), 0);
  }

  @Test
  void handDerivedValues() {
    Tensor a = Tensor.ofComplex(Shape.of(2), 1, 2, 3, -4);
    Tensor b = Tensor.ofComplex(Shape.of(2), 3, 4, 0, 1);
    // (1+2i)(3+4i) = 3 + 4i + 6i - 8 = -5 + 10i; (3-4i)(i) = 4 + 3i
    assertThat(MathOps.mul(a, b).complexData()).containsExactly(-5, 10, 4, 3);
    // (1+2i)^2 = -3 + 4i; (3-4i)^2 = -7 - 24i
    assertThat(MathOps.square(a).complexData()).containsExactly(-3, 4, -7, -24);
    // (1+2i)/(3+4i) = (1+2i)(3-4i)/25 = (11 + 2i)/25; (3-4i)/i = -4 - 3i
    assertThat(MathOps.div(a, b).complexData()).containsExactly(0.44f, 0.08f, -4, -3);
    assertThat(MathOps.abs(a).toFloatArray()).containsExactly((float) Math.sqrt(5), 5f);
    assertThat(MathOps.abs(a).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(MathOps.conj(a).complexData()).containsExactly(1, -2, 3, 4);
    // real and imag of real tensors: the tensor itself and zeros, as tf.math.real / imag
    Tensor r = Tensor.of(1f, 2f);
    assertThat(MathOps.real(r)).isSameAs(r);
    assertThat(MathOps.imag(r).toFloatArray()).containsExactly(0f, 0f);
    // a zero divisor follows C99: (0+1i)/0 = (0*inf, 1*inf) = (NaN, inf), as TensorFlow
    Tensor q = MathOps.div(Tensor.ofComplex(Shape.of(1), 0, 1), Tensor.ofComplex(Shape.of(1), 0, 0));
    assertThat(q.complexData()[0]).isNaN();
    assertThat(q.complexData()[1]).isEqualTo(Float.POSITIVE_INFINITY);
  }

  @Test
  void mandelbrotStepsDivergeWhereExpected() {
    // c = 0 stays at 0, c = -1 cycles 0, -1, 0, …, c = 1 runs 0, 1, 2, 5: |z| >= 4 after 3 steps;
    // c = i runs 0, i, -1+i, -i, -1+i, … and stays bounded
    Tensor c = MathOps.complex(Tensor.of(0f, -1f, 1f, 0f), Tensor.of(0f, 0f, 0f, 1f));
    Tensor z = MathOps.complex(ArrayOps.zeros(Shape.of(4), DType.FLOAT32),
        ArrayOps.zeros(Shape.of(4), DType.FLOAT32));
    Tensor steps = ArrayOps.zeros(Shape.of(4), DType.FLOAT32);
    for (int i = 0; i < 10; i++) {
      z = MathOps.add(MathOps.mul(z, z), c);
      Tensor bounded = MathOps.less(MathOps.abs(z), Tensor.scalar(4f));
      steps = MathOps.add(steps, MathOps.cast(bounded, DType.FLOAT32));
    }
    assertThat(steps.toFloatArray()).containsExactly(10f, 10f, 2f, 10f);
  }

  @Test
  void gradientsFollowTensorFlowsConvention() {
    // For z = a + bi and a real loss L, TensorFlow's gradient is dL/da + i dL/db.
    Tensor z = Tensor.ofComplex(Shape.of(2), 1, 2, 3, -4);
    Tensor w = Tensor.ofComplex(Shape.of(2), 3, 4, 0, 1);
    GradientTape tape = GradientTape.persistent();
    Tensor real;
    Tensor imag;
    Tensor abs;
    Tensor prod;
    try (tape) {
      tape.watch(z, w);
      real = MathOps.real(z).sum();
      imag = MathOps.imag(z).sum();
      abs = MathOps.abs(z).sum();
      prod = MathOps.real(MathOps.mul(z, w)).sum();
    }
    assertThat(tape.gradient(real, z).complexData()).containsExactly(1, 0, 1, 0);
    assertThat(tape.gradient(imag, z).complexData()).containsExactly(0, 1, 0, 1);
    // |z| = sqrt(a^2 + b^2): d/da = a/|z|, d/db = b/|z|
    float s5 = (float) Math.sqrt(5);
    assertThat(tape.gradient(abs, z).complexData())
        .containsExactly(new float[] {1 / s5, 2 / s5, 0.6f, -0.8f}, org.assertj.core.data.Offset
            .offset(1e-7f));
    // Re(z w) = ac - bd (w = c + di): d/da = c, d/db = -d, i.e. conj(w)
    assertThat(tape.gradient(prod, z).complexData()).containsExactly(3, -4, 0, -1);
  }

  @Test
  void complexAbsGradientIsZeroAtZero() {
    Tensor z = Tensor.ofComplex(Shape.of(2), 0, 0, 3, 4);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(z);
      y = MathOps.abs(z).sum();
    }
    assertThat(tape.gradient(y, z).complexData()).containsExactly(0, 0, 0.6f, 0.8f);
  }

  @Test
  void wrongUseNamesTheOpAndWhatWasReceived() {
    assertThatThrownBy(() -> MathOps.complex(Tensor.of(1.0), Tensor.of(1.0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Complex: expected float32 real and imaginary parts")
        .hasMessageContaining("float64[1]");
    assertThatThrownBy(() -> MathOps.complex(Tensor.of(1f, 2f), Tensor.of(1f, 2f, 3f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Complex: incompatible shapes [2] and [3]");
    assertThatThrownBy(() -> MathOps.complexAbs(Tensor.of(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ComplexAbs: expected one of [complex64], got float32");
    Tensor z = Tensor.ofComplex(Shape.of(1), 1, 2);
    assertThatThrownBy(() -> MathOps.add(z, Tensor.of(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("AddV2: inputs must have the same dtype")
        .hasMessageContaining("complex64[1]");
    assertThatThrownBy(() -> MathOps.sqrt(z))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Sqrt:").hasMessageEndingWith("got complex64");
    assertThatThrownBy(() -> ReduceOps.max(z))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Max:").hasMessageEndingWith("got complex64");
  }
}
