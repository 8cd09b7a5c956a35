package dev.rill.core.kernel.conv;

import static dev.rill.core.kernel.conv.ConvTestData.assertClose;
import static dev.rill.core.kernel.conv.ConvTestData.random;
import static dev.rill.core.kernel.conv.ConvTestData.widen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The implicit-GEMM convolution against the im2col path run in float64, on seeded random
 * geometries: 3-40 input channels (16-40 for input gradients), 16-80 output channels (whole and
 * partial panels), windows up to 5 x 5, strides 1-3, row dilation 1-2, VALID and SAME padding,
 * batches of 1-3 (so the last tile of pixels is short in most of them) or of 8-16 (where a
 * padded window's pixels are mostly tiled by class, see {@link TilePlan}).
 */
class ImplicitConvTest {
  static Stream<Integer> seeds() {
    return IntStream.range(0, 40).boxed();
  }

  static Geometry geometry(SplittableRandom r, boolean unitStride) {
    // the input gradient's output channels are the input's: at least a vector of them
    int inC = unitStride ? 16 + r.nextInt(25) : 3 + r.nextInt(38);
    int kH = 1 + r.nextInt(5);
    int kW = 2 + r.nextInt(4);
    int sH = unitStride ? 1 : 1 + r.nextInt(3);
    int sW = unitStride ? 1 : 1 + r.nextInt(3);
    int dH = unitStride ? 1 : 1 + r.nextInt(2);
    int reachH = (kH - 1) * dH + 1;
    int inH = reachH + r.nextInt(9);
    int inW = kW + r.nextInt(12);
    boolean same = r.nextBoolean();
    int outH = same ? Math.ceilDiv(inH, sH) : (inH - reachH) / sH + 1;
    int outW = same ? Math.ceilDiv(inW, sW) : (inW - kW) / sW + 1;
    int padTop = same ? Math.max(0, (outH - 1) * sH + reachH - inH) / 2 : 0;
    int padLeft = same ? Math.max(0, (outW - 1) * sW + kW - inW) / 2 : 0;
    int batch = r.nextBoolean() ? 1 + r.nextInt(3) : 8 + r.nextInt(9);
    return new Geometry(batch, inH, inW, inC, kH, kW, 16 + r.nextInt(65), sH, sW,
        dH, 1, outH, outW, padTop, padLeft);
  }

  /** A {@link #geometry} whose filter gradient {@link ImplicitConv} takes (a window row of 12+). */
  static Geometry filterGeometry(SplittableRandom r, boolean unitStride) {
    Geometry g = geometry(r, unitStride);
    while (!ImplicitConv.appliesToFilterGradient(g)) {
      g = geometry(r, unitStride);
    }
    return g;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void forwardMatchesIm2col(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Geometry g = geometry(r, false);
    assertThat(ImplicitConv.applies(g)).isTrue();
    float[] x = random(r, g.inSize());
    float[] w = random(r, g.patch() * g.outC());
    float[] bias = random(r, g.outC());
    double[] want = new double[g.outSize()];
    ConvKernel.forward(widen(x), widen(w), g, want, widen(bias), true);
    float[] got = new float[g.outSize()];
    java.util.Arrays.fill(got, Float.NaN);
    ImplicitConv.forward(x, w, g, got, bias, true);
    assertClose(got, want, g.patch());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void inputGradientMatchesIm2col(int seed) {
    SplittableRandom r = new SplittableRandom(1000 + seed);
    Geometry g = geometry(r, true);
    assertThat(ImplicitConv.appliesToInputGradient(g)).isTrue();
    float[] w = random(r, g.patch() * g.outC());
    float[] dy = random(r, g.outSize());
    // the im2col reference folds into an array it zeroes itself: NaN here must not survive
    double[] want = new double[g.inSize()];
    java.util.Arrays.fill(want, Double.NaN);
    ConvKernel.backpropInput(widen(w), widen(dy), g, want);
    float[] got = new float[g.inSize()];
    java.util.Arrays.fill(got, Float.NaN);
    ImplicitConv.backpropInput(w, dy, g, got);
    assertClose(got, want, g.kH() * g.kW() * g.outC());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void filterGradientMatchesIm2col(int seed) {
    SplittableRandom r = new SplittableRandom(3000 + seed);
    Geometry g = filterGeometry(r, false);
    float[] x = random(r, g.inSize());
    float[] dy = random(r, g.outSize());
    double[] want = new double[g.patch() * g.outC()];
    ConvKernel.backpropFilter(widen(x), widen(dy), g, want);
    float[] got = new float[want.length];
    java.util.Arrays.fill(got, Float.NaN);
    ImplicitConv.backpropFilter(x, dy, g, got);
    assertClose(got, want, g.rows());
  }

  /** The scalar twins that stand in until the vector tiles are compiled give the same bits. */
  @ParameterizedTest
  @MethodSource("seeds")
  void scalarTwinsGiveTheVectorTilesBits(int seed) {
    SplittableRandom r = new SplittableRandom(2000 + seed);
    Geometry g = filterGeometry(r, r.nextBoolean());
    float[] x = random(r, g.inSize());
    float[] w = random(r, g.patch() * g.outC());
    float[] bias = random(r, g.outC());
    boolean relu = r.nextBoolean();
    float[] vector = new float[g.outSize()];
    float[] scalar = new float[g.outSize()];
    ImplicitConv.forward(x, w, g, vector, bias, relu, true);
    ImplicitConv.forward(x, w, g, scalar, bias, relu, false);
    assertThat(scalar).isEqualTo(vector);

    float[] dOut = random(r, g.outSize());
    float[] dwVector = new float[w.length];
    float[] dwScalar = new float[w.length];
    ImplicitConv.backpropFilter(x, dOut, g, dwVector, true);
    ImplicitConv.backpropFilter(x, dOut, g, dwScalar, false);
    assertThat(dwScalar).isEqualTo(dwVector);

    if (ImplicitConv.appliesToInputGradient(g)) {
      float[] dy = random(r, g.outSize());
      float[] dxVector = new float[g.inSize()];
      float[] dxScalar = new float[g.inSize()];
      ImplicitConv.backpropInput(w, dy, g, dxVector, true);
      ImplicitConv.backpropInput(w, dy, g, dxScalar, false);
      assertThat(dxScalar).isEqualTo(dxVector);
    }
  }
}
