package dev.rill.core.kernel.conv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.kernel.Scratch;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The im2col convolution reuses each thread's scratch arrays across calls: what an earlier call
 * left in them (here NaN, or the blocks of a larger convolution) must never reach a result.
 */
class ConvScratchTest {
  /** SAME 5x5 over 7x7x6 into 8 filters: padding rows and columns exercise the zeroed taps. */
  private static final Geometry G = new Geometry(3, 7, 7, 6, 5, 5, 8, 1, 1, 1, 1, 7, 7, 2, 2);
  /** A larger layer whose blocks fill the scratch arrays with other values first. */
  private static final Geometry BIG = new Geometry(4, 12, 12, 9, 3, 3, 16, 1, 1, 1, 1, 12, 12, 1, 1);

  @Test
  void forwardIgnoresWhatScratchHolds() {
    float[] x = random(G.inSize(), 1);
    float[] f = random(G.patch() * G.outC(), 2);
    assertUnaffected(() -> {
      float[] y = new float[G.outSize()];
      ConvKernel.forward(x, f, G, y);
      return y;
    });
  }

  @Test
  void backpropInputIgnoresWhatScratchHolds() {
    float[] f = random(G.patch() * G.outC(), 3);
    float[] dy = random(G.outSize(), 4);
    assertUnaffected(() -> {
      float[] dx = new float[G.inSize()];
      ConvKernel.backpropInput(f, dy, G, dx);
      return dx;
    });
  }

  @Test
  void backpropFilterIgnoresWhatScratchHolds() {
    float[] x = random(G.inSize(), 5);
    float[] dy = random(G.outSize(), 6);
    assertUnaffected(() -> {
      float[] df = new float[G.patch() * G.outC()];
      ConvKernel.backpropFilter(x, dy, G, df);
      return df;
    });
  }

  private static void assertUnaffected(Supplier<float[]> run) {
    float[] clean = run.get();
    Arrays.fill(Scratch.floats(Scratch.Slot.IM2COL, 1 << 16), Float.NaN);
    Arrays.fill(Scratch.floats(Scratch.Slot.PRODUCT, 1 << 16), Float.NaN);
    assertThat(run.get()).containsExactly(clean);
    float[] bx = random(BIG.inSize(), 7);
    float[] bf = random(BIG.patch() * BIG.outC(), 8);
    ConvKernel.forward(bx, bf, BIG, new float[BIG.outSize()]);
    ConvKernel.backpropFilter(bx, random(BIG.outSize(), 9), BIG, bf);
    assertThat(run.get()).containsExactly(clean);
    assertThat(clean).doesNotContain(Float.NaN);
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
    }
    return a;
  }
}
