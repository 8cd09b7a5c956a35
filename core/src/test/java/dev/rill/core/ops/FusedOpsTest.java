package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.OpRegistry;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.core.ops.nn.conv.ConvAttrs;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code _FusedConv2D} and {@code _FusedMatMul}: bit-identical to Conv2D/MatMul, BiasAdd and Relu
 * in turn (values and gradients) on seeded random shapes that reach every convolution path
 * (direct, pointwise, im2col in several blocks), finite-difference gradients in float64, and
 * TensorFlow's Conv2D + BiasAdd + Relu as the oracle.
 */
class FusedOpsTest {
  /** One convolution case: shapes and attributes. */
  record ConvCase(int[] x, int[] w, int[] strides, String padding, int[] dilations) {
    ConvAttrs attrs() {
      return ConvAttrs.of(strides, padding, dilations);
    }

    @Override
    public String toString() {
      return "x" + Arrays.toString(x) + " w" + Arrays.toString(w) + " s" + strides[1] + " "
          + padding + " d" + dilations[1];
    }
  }

  /** Seeded random cases, plus MNIST's two layers and a pointwise one. */
  static Stream<ConvCase> convCases() {
    SplittableRandom r = new SplittableRandom(2024);
    int[] channels = {1, 2, 3, 5, 8, 16, 17, 32, 33, 48};
    List<ConvCase> cases = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int batch = 1 + r.nextInt(4);
      int kh = 1 + r.nextInt(5);
      int kw = 1 + r.nextInt(5);
      int dil = r.nextInt(4) == 0 ? 2 : 1;
      int stride = r.nextBoolean() ? 1 : 2;
      String padding = r.nextBoolean() ? "SAME" : "VALID";
      // VALID needs the dilated window to fit
      int h = (kh - 1) * dil + 1 + r.nextInt(10);
      int w = (kw - 1) * dil + 1 + r.nextInt(10);
      int inC = channels[r.nextInt(channels.length)];
      int outC = channels[r.nextInt(channels.length)];
      cases.add(new ConvCase(new int[] {batch, h, w, inC}, new int[] {kh, kw, inC, outC},
          nhwc(stride), padding, nhwc(dil)));
    }
    cases.add(new ConvCase(new int[] {2, 28, 28, 1}, new int[] {5, 5, 1, 32}, nhwc(1), "SAME",
        nhwc(1)));
    cases.add(new ConvCase(new int[] {3, 14, 14, 32}, new int[] {5, 5, 32, 64}, nhwc(1), "SAME",
        nhwc(1)));
    cases.add(new ConvCase(new int[] {2, 9, 9, 20}, new int[] {1, 1, 20, 17}, nhwc(1), "VALID",
        nhwc(1)));
    return cases.stream();
  }

  static int[] nhwc(int v) {
    return new int[] {1, v, v, 1};
  }

  static Tensor values(long seed, DType dt, int... dims) {
    return GradCheck.random(seed, dims).cast(dt);
  }

  static Tensor unfusedConv(Tensor x, Tensor w, Tensor b, ConvAttrs a, FusedOps f) {
    Tensor z = NnOps.biasAdd(NnOps.conv2d(x, w, a), b);
    return f.relu() ? MathOps.relu(z) : z;
  }

  static Tensor unfusedMatMul(Tensor x, Tensor w, Tensor b, boolean ta, boolean tb, FusedOps f) {
    Tensor z = NnOps.biasAdd(LinalgOps.matmul(x, w, ta, tb), b);
    return f.relu() ? MathOps.relu(z) : z;
  }

  static void assertBitIdentical(String what, Tensor got, Tensor want) {
    assertThat(got.dtype()).as(what).isEqualTo(want.dtype());
    assertThat(got.shape()).as(what).isEqualTo(want.shape());
    if (got.dtype() == DType.FLOAT32) {
      float[] g = got.floatData();
      float[] e = want.floatData();
      for (int i = 0; i < g.length; i++) {
        if (Float.floatToRawIntBits(g[i]) != Float.floatToRawIntBits(e[i])) {
          throw new AssertionError(what + ": element " + i + " is " + g[i] + ", unfused " + e[i]);
        }
      }
    } else {
      double[] g = got.doubleData();
      double[] e = want.doubleData();
      for (int i = 0; i < g.length; i++) {
        if (Double.doubleToRawLongBits(g[i]) != Double.doubleToRawLongBits(e[i])) {
          throw new AssertionError(what + ": element " + i + " is " + g[i] + ", unfused " + e[i]);
        }
      }
    }
  }

  /** Values and all three gradients of {@code f}, in float32 or float64. */
  interface Fn {
    Tensor apply(Tensor x, Tensor w, Tensor b);
  }

  static List<Tensor> valueAndGradients(Fn f, Tensor x, Tensor w, Tensor b, Tensor dy) {
    GradientTape tape = GradientTape.start();
    Tensor y;
    Tensor l;
    try (tape) {
      tape.watch(x);
      tape.watch(w);
      tape.watch(b);
      y = f.apply(x, w, b);
      l = ReduceOps.sum(MathOps.mul(y, dy));
    }
    List<Tensor> out = new ArrayList<>();
    out.add(y);
    out.addAll(tape.gradient(l, List.of(x, w, b)));
    return out;
  }

  static void assertSame(String what, List<Tensor> fused, List<Tensor> unfused) {
    String[] names = {"value", "d input", "d filter", "d bias"};
    for (int i = 0; i < fused.size(); i++) {
      assertBitIdentical(what + " " + names[i], fused.get(i), unfused.get(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convCases")
  void fusedConv2dIsBitIdenticalToConvBiasAddRelu(ConvCase c) {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = values(1, dt, c.x());
      Tensor w = values(2, dt, c.w());
      Tensor b = values(3, dt, c.w()[3]);
      ConvAttrs a = c.attrs();
      Tensor dy = values(4, dt, NnOps.conv2d(x, w, a).shape().dims());
      for (FusedOps f : FusedOps.values()) {
        assertSame(c + " " + dt + " " + f,
            valueAndGradients((xx, ww, bb) -> NnOps.fusedConv2d(xx, ww, bb, a, f), x, w, b, dy),
            valueAndGradients((xx, ww, bb) -> unfusedConv(xx, ww, bb, a, f), x, w, b, dy));
      }
    }
  }

  static Stream<Arguments> matMulCases() {
    SplittableRandom r = new SplittableRandom(77);
    List<Arguments> cases = new ArrayList<>();
    int[] sizes = {1, 2, 3, 7, 16, 17, 31, 64, 100};
    for (int i = 0; i < 24; i++) {
      cases.add(Arguments.of(sizes[r.nextInt(sizes.length)], sizes[r.nextInt(sizes.length)],
          sizes[r.nextInt(sizes.length)], r.nextBoolean(), r.nextBoolean()));
    }
    // MNIST's dense layers: [100, 3136] x [3136, 1024], then [100, 1024] x [1024, 10]
    cases.add(Arguments.of(100, 1024, 3136, false, false));
    cases.add(Arguments.of(100, 10, 1024, false, false));
    return cases.stream();
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} ta={3} tb={4}")
  @MethodSource("matMulCases")
  void fusedMatMulIsBitIdenticalToMatMulBiasAddRelu(int m, int n, int k, boolean ta,
      boolean tb) {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      if (dt == DType.FLOAT64 && (long) m * n * k > 1_000_000) {
        continue;   // the float64 GEMM is a plain loop; its big products add nothing here
      }
      Tensor x = values(5, dt, ta ? new int[] {k, m} : new int[] {m, k});
      Tensor w = values(6, dt, tb ? new int[] {n, k} : new int[] {k, n});
      Tensor b = values(7, dt, n);
      Tensor dy = values(8, dt, m, n);
      for (FusedOps f : FusedOps.values()) {
        assertSame(m + "x" + n + "x" + k + " " + dt + " " + f,
            valueAndGradients((xx, ww, bb) -> LinalgOps.fusedMatMul(xx, ww, bb, ta, tb, f),
                x, w, b, dy),
            valueAndGradients((xx, ww, bb) -> unfusedMatMul(xx, ww, bb, ta, tb, f), x, w, b, dy));
      }
    }
  }

  @Test
  void reluOfNanAndSignedZeroMatchesRelu() {
    // z = 0 * x + bias: the bias's NaN, -0, infinities reach the epilogue unchanged
    float[] special = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, 1.5f, -2.5f};
    int n = 37;
    float[] bias = new float[n];
    for (int i = 0; i < n; i++) {
      bias[i] = special[i % special.length];
    }
    Tensor x = Tensor.of(Shape.of(20, 30), new float[600]);
    Tensor w = values(9, DType.FLOAT32, 30, n);
    Tensor b = Tensor.of(Shape.of(n), bias);
    for (FusedOps f : FusedOps.values()) {
      assertBitIdentical("matmul " + f, LinalgOps.fusedMatMul(x, w, b, false, false, f),
          unfusedMatMul(x, w, b, false, false, f));
      Tensor xi = Tensor.of(Shape.of(2, 6, 6, 16), new float[2 * 6 * 6 * 16]);
      Tensor wi = values(10, DType.FLOAT32, 3, 3, 16, n);
      ConvAttrs a = ConvAttrs.of(nhwc(1), "SAME");
      assertBitIdentical("conv " + f, NnOps.fusedConv2d(xi, wi, b, a, f),
          unfusedConv(xi, wi, b, a, f));
    }
  }

  static Stream<Arguments> gradCases() {
    return Stream.of(
        Arguments.of(new int[] {1, 5, 5, 2}, new int[] {3, 3, 2, 3}, nhwc(1), "SAME", nhwc(1)),
        Arguments.of(new int[] {2, 6, 5, 3}, new int[] {3, 2, 3, 2}, nhwc(2), "VALID", nhwc(1)),
        Arguments.of(new int[] {1, 7, 7, 2}, new int[] {3, 3, 2, 2}, nhwc(1), "SAME", nhwc(2)),
        Arguments.of(new int[] {2, 3, 3, 4}, new int[] {1, 1, 4, 3}, nhwc(1), "VALID", nhwc(1)));
  }

  @ParameterizedTest
  @MethodSource("gradCases")
  void fusedConv2dGradientsMatchFiniteDifferences(int[] xs, int[] ws, int[] strides,
      String padding, int[] dilations) {
    ConvAttrs a = ConvAttrs.of(strides, padding, dilations);
    for (FusedOps f : FusedOps.values()) {
      GradCheck.check(in -> NnOps.fusedConv2d(in.get(0), in.get(1), in.get(2), a, f),
          GradCheck.random(11, xs), GradCheck.random(12, ws), GradCheck.random(13, ws[3]));
    }
  }

  @ParameterizedTest
  @EnumSource(FusedOps.class)
  void fusedMatMulGradientsMatchFiniteDifferences(FusedOps f) {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        GradCheck.check(in -> LinalgOps.fusedMatMul(in.get(0), in.get(1), in.get(2), ta, tb, f),
            GradCheck.random(14, ta ? new int[] {4, 3} : new int[] {3, 4}),
            GradCheck.random(15, tb ? new int[] {5, 4} : new int[] {4, 5}),
            GradCheck.random(16, 5));
      }
    }
  }

  @Test
  void secondOrderGradientsMatchFiniteDifferences() {
    ConvAttrs a = ConvAttrs.of(nhwc(1), "SAME");
    GradCheck.checkSecondOrder(in -> NnOps.fusedConv2d(in.get(0), in.get(1), in.get(2), a,
        FusedOps.BIAS_ADD_RELU), 1, GradCheck.random(17, 1, 4, 4, 2),
        GradCheck.random(18, 3, 3, 2, 3), GradCheck.random(19, 3));
    GradCheck.checkSecondOrder(in -> LinalgOps.fusedMatMul(in.get(0), in.get(1), in.get(2),
        false, false, FusedOps.BIAS_ADD_RELU), 0, GradCheck.random(20, 3, 4),
        GradCheck.random(21, 4, 5), GradCheck.random(22, 5));
  }

  /** TensorFlow's Conv2D, BiasAdd and Relu in turn; float32 as in ConvOracleTest. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("convCases")
  void fusedConv2dMatchesTensorFlow(ConvCase c) {
    Tensor x = ConvOracleTest.values(31, c.x());
    Tensor w = ConvOracleTest.values(32, c.w());
    Tensor b = ConvOracleTest.values(33, c.w()[3]);
    Map<String, Object> attrs = Map.of("strides", c.strides(), "padding", c.padding(),
        "dilations", c.dilations());
    Tensor z = TfOracle.run("BiasAdd",
        List.of(TfOracle.run("Conv2D", List.of(x, w), attrs, 1).get(0), b), Map.of(), 1).get(0);
    Golden.assertClose(c + " BiasAdd", NnOps.fusedConv2d(x, w, b, c.attrs(), FusedOps.BIAS_ADD),
        z, ConvOracleTest.ATOL, ConvOracleTest.RTOL);
    Tensor y = TfOracle.run("Relu", List.of(z), Map.of(), 1).get(0);
    Golden.assertClose(c + " BiasAdd+Relu",
        NnOps.fusedConv2d(x, w, b, c.attrs(), FusedOps.BIAS_ADD_RELU), y, ConvOracleTest.ATOL,
        ConvOracleTest.RTOL);
  }

  @ParameterizedTest(name = "m={0} n={1} k={2} ta={3} tb={4}")
  @MethodSource("matMulCases")
  void fusedMatMulMatchesTensorFlow(int m, int n, int k, boolean ta, boolean tb) {
    Tensor x = ConvOracleTest.values(34, ta ? new int[] {k, m} : new int[] {m, k});
    Tensor w = ConvOracleTest.values(35, tb ? new int[] {n, k} : new int[] {k, n});
    Tensor b = ConvOracleTest.values(36, n);
    Tensor mm = TfOracle.run("MatMul", List.of(x, w),
        Map.of("transpose_a", ta, "transpose_b", tb), 1).get(0);
    Tensor y = TfOracle.run("Relu",
        List.of(TfOracle.run("BiasAdd", List.of(mm, b), Map.of(), 1).get(0)), Map.of(), 1)
        .get(0);
    // sums of up to 3136 products of values in [-1, 1]
    Golden.assertClose("fused matmul", LinalgOps.fusedMatMul(x, w, b, ta, tb,
        FusedOps.BIAS_ADD_RELU), y, 1e-4 * Math.max(1, Math.sqrt(k) / 10), 1e-5);
  }

  @Test
  void opsAreRegisteredUnderTensorFlowsNames() {
    assertThat(OpRegistry.get("_FusedConv2D")).isNotNull();
    assertThat(OpRegistry.get("_FusedMatMul")).isNotNull();
  }

  @Test
  void errorsNameTheOp() {
    Tensor x = values(40, DType.FLOAT32, 1, 4, 4, 2);
    Tensor w = values(41, DType.FLOAT32, 3, 3, 2, 3);
    ConvAttrs a = ConvAttrs.of(nhwc(1), "SAME");
    assertThatThrownBy(() -> NnOps.fusedConv2d(x, w, values(42, DType.FLOAT32, 4), a,
        FusedOps.BIAS_ADD)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("_FusedConv2D").hasMessageContaining("bias");
    assertThatThrownBy(() -> NnOps.fusedConv2d(x, w, values(42, DType.FLOAT64, 3), a,
        FusedOps.BIAS_ADD)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("dtype");
    assertThatThrownBy(() -> LinalgOps.fusedMatMul(values(43, DType.FLOAT32, 2, 3),
        values(44, DType.FLOAT32, 4, 5), values(45, DType.FLOAT32, 5), false, false,
        FusedOps.BIAS_ADD_RELU)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("_FusedMatMul");
    assertThatThrownBy(() -> FusedOps.of("_FusedMatMul", List.of("BiasAdd", "Tanh")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("fused_ops");
    assertThat(FusedOps.of("_FusedConv2D", List.of("BiasAdd", "Relu")))
        .isEqualTo(FusedOps.BIAS_ADD_RELU);
  }
}
