package dev.rill.core.kernel.conv;

import static dev.rill.core.kernel.conv.WindowTile.MR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How {@link TilePlan} groups output pixels and cuts their windows to the taps inside the input. */
class TilePlanTest {
  static Stream<Integer> seeds() {
    return IntStream.range(0, 30).boxed();
  }

  /** Every pixel once, tiles of at most MR pixels of one class, and only taps inside the input. */
  @ParameterizedTest
  @MethodSource("seeds")
  void tilesCoverEachPixelOnceWithItsInsideTaps(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Geometry g = ImplicitConvTest.geometry(r, false);
    TilePlan plan = plan(g);
    int[] taps = PaddedInput.of(new float[g.inSize()], g).taps(g);
    int[] seen = new int[g.rows()];
    for (int t = 0; t < plan.tiles(); t++) {
      int first = plan.tileFirst()[t];
      int end = plan.tileEnd()[t];
      assertThat(end - first).isBetween(1, MR);
      TilePlan.Window w = plan.windows().get(plan.tileClass()[t]);
      for (int i = first; i < end; i++) {
        int pixel = plan.pixels()[i];
        seen[pixel]++;
        if (plan.windows().size() > 1) {
          assertThat(walked(w)).isEqualTo(insideTaps(g, taps, pixel));
        } else {
          assertThat(w.runs() * w.runLength()).isEqualTo(g.patch());
        }
      }
    }
    assertThat(seen).containsOnly(1);
  }

  /** The MNIST conv2 over a batch of 100 skips the 16% of taps in the padding; one image does not. */
  @Test
  void tilesByClassOnlyWhenThatWalksFewerTaps() {
    Geometry mnist = new Geometry(100, 14, 14, 32, 5, 5, 64, 1, 1, 1, 1, 14, 14, 2, 2);
    TilePlan plan = plan(mnist);
    long taps = 0;
    for (int t = 0; t < plan.tiles(); t++) {
      TilePlan.Window w = plan.windows().get(plan.tileClass()[t]);
      taps += (long) w.runs() * w.runLength();
    }
    long whole = (long) Math.ceilDiv(mnist.rows(), MR) * mnist.patch();
    assertThat(plan.windows()).hasSize(25);
    assertThat((double) taps / whole).isBetween(0.83, 0.86);

    Geometry one = new Geometry(1, 14, 14, 32, 5, 5, 64, 1, 1, 1, 1, 14, 14, 2, 2);
    assertThat(plan(one).windows()).hasSize(1);
    Geometry valid = new Geometry(100, 14, 14, 32, 5, 5, 64, 1, 1, 1, 1, 10, 10, 0, 0);
    assertThat(plan(valid).windows()).hasSize(1);
  }

  /** The seeded geometries (ImplicitConvTest's too) exercise both kinds of plan. */
  @Test
  void seedsCoverBothKindsOfPlan() {
    int classed = 0;
    int seeds = (int) seeds().count();
    for (int seed = 0; seed < seeds; seed++) {
      Geometry g = ImplicitConvTest.geometry(new SplittableRandom(seed), false);
      if (plan(g).windows().size() > 1) {
        classed++;
      }
    }
    assertThat(classed).isBetween(3, seeds - 3);
  }

  @Test
  void insideIsTheRangeOfTapsThatLandInTheInput() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 500; i++) {
      int taps = 1 + r.nextInt(6);
      int dilation = 1 + r.nextInt(3);
      int size = 1 + r.nextInt(8);
      int origin = r.nextInt(-8, 10);
      int[] range = TilePlan.inside(origin, dilation, taps, size);
      for (int k = 0; k < taps; k++) {
        int pos = origin + k * dilation;
        boolean in = pos >= 0 && pos < size;
        assertThat(k >= range[0] && k < range[1]).as("tap %d of %s", k, java.util.Arrays
            .toString(range)).isEqualTo(in);
      }
    }
  }

  private static TilePlan plan(Geometry g) {
    return TilePlan.of(g, PaddedInput.of(new float[g.inSize()], g));
  }

  /** Offsets from the padded window start of the taps a window walks, in walk order. */
  private static java.util.List<Integer> walked(TilePlan.Window w) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    int q = w.xOffset();
    for (int run = 0; run < w.runs(); run++, q += w.xJump()) {
      for (int end = q + w.runLength(); q < end; q++) {
        out.add(q);
      }
    }
    return out;
  }

  /**
   * Offsets of the taps of {@code pixel}'s window that read the input, not the padding;
   * {@code taps} are the padded input's offsets of every tap.
   */
  private static java.util.List<Integer> insideTaps(Geometry g, int[] taps, int pixel) {
    int ow = pixel % g.outW();
    int oh = pixel / g.outW() % g.outH();
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int kh = 0, i = 0; kh < g.kH(); kh++) {
      for (int kw = 0; kw < g.kW(); kw++) {
        for (int c = 0; c < g.inC(); c++, i++) {
          int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
          int iw = ow * g.strideW() + kw * g.dilationW() - g.padLeft();
          if (ih >= 0 && ih < g.inH() && iw >= 0 && iw < g.inW()) {
            out.add(taps[i]);
          }
        }
      }
    }
    return out;
  }
}
