package dev.rill.models.mandelbrot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import org.junit.jupiter.api.Test;

class MandelbrotTest {
  private static final Mandelbrot.Config SMALL = new Mandelbrot.Config(-1.3, 1.3, -2, 1, 0.02, 60);

  @Test
  void tutorialGridIs520By600() {
    assertThat(Mandelbrot.Config.TUTORIAL.rows()).isEqualTo(520);
    assertThat(Mandelbrot.Config.TUTORIAL.cols()).isEqualTo(600);
    Tensor g = Mandelbrot.grid(SMALL);
    assertThat(g.dtype()).isEqualTo(DType.COMPLEX64);
    assertThat(g.shape()).isEqualTo(Shape.of(SMALL.rows(), SMALL.cols()));
  }

  @Test
  void countsMatchAScalarFloat32Iteration() {
    Tensor counts = Mandelbrot.counts(SMALL);
    float[] got = counts.floatData();
    int rows = SMALL.rows();
    int cols = SMALL.cols();
    int differ = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        float cr = (float) (SMALL.xMin() + j * SMALL.step());
        float ci = (float) (SMALL.yMin() + i * SMALL.step());
        float zr = cr;
        float zi = ci;
        int n = 0;
        for (int k = 0; k < SMALL.iterations(); k++) {
          // the tutorial's z starts at c, so the first test is of c*c + c
          float r = zr * zr - zi * zi + cr;
          zi = zr * zi + zi * zr + ci;
          zr = r;
          if (Math.hypot(zr, zi) < 4) {
            n++;
          }
        }
        if (got[i * cols + j] != n) {
          differ++;
        }
      }
    }
    // rounding at the divergence boundary may flip a count by one at a handful of points
    assertThat(differ).isLessThanOrEqualTo(rows * cols / 1000);
  }

  @Test
  void theSetCoversAFifthOfTheTutorialWindowAndTheOriginNeverDiverges() {
    var c = new Mandelbrot.Config(-1.3, 1.3, -2, 1, 0.01, 200);
    Tensor counts = Mandelbrot.counts(c);
    float[] n = counts.floatData();
    int inside = 0;
    for (float v : n) {
      inside += v == 200 ? 1 : 0;
    }
    // area of the Mandelbrot set ~1.506 over the window's 7.8
    assertThat(inside / (double) n.length).isBetween(0.18, 0.22);
    assertThat(counts.getFloat(130, 200)).isEqualTo(200f);   // c = 0
    assertThat(counts.getFloat(0, 0)).isLessThan(5f);         // c = -2 - 1.3i escapes at once
  }

  @Test
  void colorizePaintsTheSetBlackAndTheRestByTheCyclicMap() {
    Tensor counts = Tensor.of(Shape.of(1, 3), 200f, 0f, 10f);
    Tensor rgb = Mandelbrot.colorize(counts);
    assertThat(rgb.dtype()).isEqualTo(DType.UINT8);
    assertThat(rgb.shape()).isEqualTo(Shape.of(1, 3, 3));
    byte[] px = rgb.uint8Data();
    assertThat(new int[] {px[0], px[1], px[2]}).containsExactly(0, 0, 0);
    // count 0: (10 + 20, 30 + 0, 155 - 80) = (30, 30, 75)
    assertThat(new int[] {px[3] & 0xff, px[4] & 0xff, px[5] & 0xff}).containsExactly(30, 30, 75);
    // count 10: cos(3.14) ~ -1, so red 10 - 20 is clipped to 0
    double a = 6.28 * 10 / 20;
    assertThat(px[6] & 0xff).isZero();
    assertThat(px[7] & 0xff).isEqualTo((int) (30 + 50 * Math.sin(a)));
    assertThat(px[8] & 0xff).isEqualTo((int) (155 - 80 * Math.cos(a)));
  }
}
