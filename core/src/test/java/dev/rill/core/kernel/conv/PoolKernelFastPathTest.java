package dev.rill.core.kernel.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectorised float32 max-pooling kernels ({@link PoolKernel#max}, {@link PoolKernel#maxGrad},
 * {@link PoolKernel#argMax}) against a plain scalar reference, bit for bit. Inputs come from a few
 * integers so windows are full of ties, with NaNs and both zeros mixed in; depths cover the scalar
 * path, whole vectors and a masked last vector; windows cover the non-overlapping gradient path
 * and the overlapping one.
 */
class PoolKernelFastPathTest {
  private static final int[] DEPTHS = {1, 3, 16, 17, 32, 64};
  /** {kH, kW, strideH, strideW}: tiling, overlapping, with gaps, overlapping in one direction. */
  private static final int[][] WINDOWS =
      {{2, 2, 2, 2}, {3, 3, 2, 2}, {3, 3, 3, 3}, {2, 3, 3, 4}, {3, 2, 1, 2}};
  private static final float[] VALUES = {-2f, -1f, -0f, 0f, 1f, 2f};

  static Stream<Arguments> cases() {
    SplittableRandom r = new SplittableRandom(20240611);
    List<Arguments> out = new ArrayList<>();
    for (int c : DEPTHS) {
      for (int[] w : WINDOWS) {
        for (boolean same : new boolean[] {false, true}) {
          int batch = 1 + r.nextInt(3);
          int h = w[0] + r.nextInt(9);
          int wd = w[1] + r.nextInt(9);
          out.add(Arguments.of(batch, h, wd, c, w[0], w[1], w[2], w[3], same, r.nextLong()));
        }
      }
    }
    // Large enough to be split across threads.
    out.add(Arguments.of(8, 29, 27, 32, 2, 2, 2, 2, false, r.nextLong()));
    out.add(Arguments.of(4, 15, 15, 65, 3, 3, 2, 2, true, r.nextLong()));
    // MNIST's pools: windows that tile the input, so maxGrad writes dx without zeroing it first
    out.add(Arguments.of(6, 28, 28, 32, 2, 2, 2, 2, true, r.nextLong()));
    out.add(Arguments.of(6, 14, 14, 64, 2, 2, 2, 2, true, r.nextLong()));
    return out.stream();
  }

  @ParameterizedTest(name = "[{0},{1},{2},{3}] k{4}x{5} s{6}x{7} same={8}")
  @MethodSource("cases")
  void matchesScalarReference(int batch, int h, int w, int c, int kH, int kW, int sH, int sW,
      boolean same, long seed) {
    Geometry g = geometry(batch, h, w, c, kH, kW, sH, sW, same);
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[g.inSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(20) == 0 ? Float.NaN : VALUES[r.nextInt(VALUES.length)];
    }
    float[] dy = new float[g.outSize()];
    for (int i = 0; i < dy.length; i++) {
      int k = r.nextInt(10);
      dy[i] = k == 0 ? -0f : k == 1 ? Float.NaN : (float) r.nextGaussian();
    }

    float[] y = new float[g.outSize()];
    PoolKernel.max(x, g, y);
    int[] arg = referenceArgMax(x, g);
    float[] yRef = new float[g.outSize()];
    for (int o = 0; o < arg.length; o++) {
      yRef[o] = x[arg[o]];
    }
    assertThat(bits(y)).as("max").containsExactly(bits(yRef));
    assertThat(PoolKernel.argMax(x, g)).as("argMax").containsExactly(arg);

    // whatever dx held before is overwritten, as in an array the buffer pool hands out again
    float[] dx = new float[g.inSize()];
    java.util.Arrays.fill(dx, Float.NaN);
    PoolKernel.maxGrad(x, dy, g, dx);
    float[] dxRef = new float[g.inSize()];
    for (int o = 0; o < arg.length; o++) {
      dxRef[arg[o]] += dy[o];
    }
    assertThat(bits(dx)).as("maxGrad").containsExactly(bits(dxRef));
  }

  private static Geometry geometry(int batch, int h, int w, int c, int kH, int kW, int sH,
      int sW, boolean same) {
    int outH = same ? (h + sH - 1) / sH : (h - kH) / sH + 1;
    int outW = same ? (w + sW - 1) / sW : (w - kW) / sW + 1;
    int padH = same ? Math.max(0, (outH - 1) * sH + kH - h) : 0;
    int padW = same ? Math.max(0, (outW - 1) * sW + kW - w) : 0;
    return new Geometry(batch, h, w, c, kH, kW, c, sH, sW, 1, 1, outH, outW, padH / 2, padW / 2);
  }

  /** First in-bounds element, replaced by each later one (row-major) that compares larger. */
  private static int[] referenceArgMax(float[] x, Geometry g) {
    int c = g.inC();
    int[] arg = new int[g.outSize()];
    for (int n = 0; n < g.batch(); n++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        int h0 = Math.max(0, oh * g.strideH() - g.padTop());
        int h1 = Math.min(g.inH(), oh * g.strideH() - g.padTop() + g.kH());
        for (int ow = 0; ow < g.outW(); ow++) {
          int w0 = Math.max(0, ow * g.strideW() - g.padLeft());
          int w1 = Math.min(g.inW(), ow * g.strideW() - g.padLeft() + g.kW());
          for (int d = 0; d < c; d++) {
            int best = -1;
            for (int ih = h0; ih < h1; ih++) {
              for (int iw = w0; iw < w1; iw++) {
                int i = ((n * g.inH() + ih) * g.inW() + iw) * c + d;
                if (best < 0 || x[best] < x[i]) {
                  best = i;
                }
              }
            }
            arg[((n * g.outH() + oh) * g.outW() + ow) * c + d] = best;
          }
        }
      }
    }
    return arg;
  }

  private static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Float.floatToRawIntBits(a[i]);
    }
    return b;
  }
}
