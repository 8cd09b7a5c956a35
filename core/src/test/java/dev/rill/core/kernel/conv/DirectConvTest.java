package dev.rill.core.kernel.conv;

import static dev.rill.core.kernel.conv.ConvTestData.assertClose;
import static dev.rill.core.kernel.conv.ConvTestData.random;
import static dev.rill.core.kernel.conv.ConvTestData.widen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct few-channel convolution against the im2col path run in float64, on seeded random
 * geometries: 1-3 input channels, 1-3 output vectors, windows 1-5, strides 1-3, VALID and SAME
 * padding, batches of 1-3.
 */
class DirectConvTest {
  private static final int L = FloatVector.SPECIES_PREFERRED.length();

  static Stream<Integer> seeds() {
    return IntStream.range(0, 40).boxed();
  }

  static Geometry geometry(SplittableRandom r) {
    int inC = 1 + r.nextInt(3);
    int kH = 1 + r.nextInt(5);
    int kW = 1 + r.nextInt(5);
    int sH = 1 + r.nextInt(3);
    int sW = 1 + r.nextInt(3);
    int inH = kH + r.nextInt(9);
    int inW = kW + r.nextInt(9);
    boolean same = r.nextBoolean();
    int outH = same ? Math.ceilDiv(inH, sH) : (inH - kH) / sH + 1;
    int outW = same ? Math.ceilDiv(inW, sW) : (inW - kW) / sW + 1;
    int padTop = same ? Math.max(0, (outH - 1) * sH + kH - inH) / 2 : 0;
    int padLeft = same ? Math.max(0, (outW - 1) * sW + kW - inW) / 2 : 0;
    return new Geometry(1 + r.nextInt(3), inH, inW, inC, kH, kW, L * (1 + r.nextInt(3)), sH, sW,
        1, 1, outH, outW, padTop, padLeft);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void forwardMatchesIm2col(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Geometry g = geometry(r);
    assertThat(DirectConv.applies(g)).isTrue();
    float[] x = random(r, g.inSize());
    float[] w = random(r, g.patch() * g.outC());
    double[] want = new double[g.outSize()];
    ConvKernel.forward(widen(x), widen(w), g, want);
    float[] got = new float[g.outSize()];
    DirectConv.forward(x, w, g, got);
    assertClose(got, want, g.patch());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void filterGradientMatchesIm2col(int seed) {
    SplittableRandom r = new SplittableRandom(1000 + seed);
    Geometry g = geometry(r);
    float[] x = random(r, g.inSize());
    float[] dy = random(r, g.outSize());
    double[] want = new double[g.patch() * g.outC()];
    ConvKernel.backpropFilter(widen(x), widen(dy), g, want);
    float[] got = new float[want.length];
    java.util.Arrays.fill(got, Float.NaN);
    DirectConv.backpropFilter(x, dy, g, got);
    assertClose(got, want, g.rows());
  }

  /**
   * The scalar twins that stand in until the vector code is compiled give the same bits as the
   * vector paths, with and without the bias + relu epilogue.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void scalarTwinsGiveTheVectorPathsBits(int seed) {
    SplittableRandom r = new SplittableRandom(2000 + seed);
    Geometry g = geometry(r);
    float[] x = random(r, g.inSize());
    float[] w = random(r, g.patch() * g.outC());
    float[] bias = random(r, g.outC());
    boolean relu = r.nextBoolean();
    float[] vector = new float[g.outSize()];
    float[] scalar = new float[g.outSize()];
    DirectConv.forward(x, w, g, vector, bias, relu, true);
    DirectConv.forward(x, w, g, scalar, bias, relu, false);
    assertThat(scalar).isEqualTo(vector);
    DirectConv.forward(x, w, g, vector, null, false, true);
    DirectConv.forward(x, w, g, scalar, null, false, false);
    assertThat(scalar).isEqualTo(vector);

    float[] dy = random(r, g.outSize());
    float[] dwVector = new float[w.length];
    float[] dwScalar = new float[w.length];
    DirectConv.backpropFilter(x, dy, g, dwVector, true);
    DirectConv.backpropFilter(x, dy, g, dwScalar, false);
    assertThat(dwScalar).isEqualTo(dwVector);
  }
}
