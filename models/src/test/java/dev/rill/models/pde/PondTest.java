package dev.rill.models.pde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import org.junit.jupiter.api.Test;

class PondTest {
  @Test
  void dropsArePlacedDeterministically() {
    var c = new Pond.Config(100, 40, 7, 0.03f, 0.04f, 0);
    float[] u = Pond.initialDrops(c).floatData();
    int nonZero = 0;
    for (float v : u) {
      if (v != 0) {
        nonZero++;
        assertThat(v).isBetween(0f, 1f);
      }
    }
    assertThat(nonZero).isBetween(38, 40);   // two drops may land on one cell
    assertThat(Pond.initialDrops(c).contentEquals(Pond.initialDrops(c))).isTrue();
  }

  @Test
  void stepsMatchAPlainFiniteDifferenceScheme() {
    var c = new Pond.Config(24, 5, 3, 0.03f, 0.04f, 50);
    Pond pond = new Pond(c);
    int n = c.size();
    float[] u = Pond.initialDrops(c).floatData().clone();
    float[] ut = new float[n * n];
    for (int s = 0; s < c.steps(); s++) {
      pond.step();
      float[] lap = new float[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          float acc = 0;
          for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
              int y = i + di;
              int x = j + dj;
              if (y >= 0 && y < n && x >= 0 && x < n) {
                acc += Pond.LAPLACE_KERNEL[(di + 1) * 3 + dj + 1] * u[y * n + x];
              }
            }
          }
          lap[i * n + j] = acc;
        }
      }
      for (int k = 0; k < n * n; k++) {
        float un = u[k] + c.eps() * ut[k];
        ut[k] = ut[k] + c.eps() * (lap[k] - c.damping() * ut[k]);
        u[k] = un;
      }
    }
    float[] got = pond.height().floatData();
    for (int k = 0; k < n * n; k++) {
      assertThat(got[k]).as("cell %d", k).isCloseTo(u[k], within(1e-5f));
    }
  }

  @Test
  void aSingleDropSpreadsSymmetricallyAndLosesHeight() {
    var c = new Pond.Config(41, 0, 1, 0.03f, 0.04f, 300);
    float[] init = new float[41 * 41];
    init[20 * 41 + 20] = 1f;
    Pond dropped = new Pond(c, Tensor.of(Shape.of(41, 41), init));
    for (int i = 0; i < c.steps(); i++) {
      dropped.step();
    }
    Tensor u = dropped.height();
    float centre = u.getFloat(20, 20);
    assertThat(Math.abs(centre)).isLessThan(1f);
    for (int d = 1; d < 20; d++) {
      assertThat(u.getFloat(20, 20 + d)).isCloseTo(u.getFloat(20 - d, 20), within(1e-6f));
      assertThat(u.getFloat(20 + d, 20 + d)).isCloseTo(u.getFloat(20 - d, 20 - d), within(1e-6f));
    }
  }

  @Test
  void renderMapsTheRangeToGrayLevels() {
    Tensor img = Pond.render(Tensor.of(Shape.of(1, 4), -0.2f, -0.1f, 0f, 0.1f), -0.1f, 0.1f);
    assertThat(img.dtype()).isEqualTo(DType.UINT8);
    assertThat(img.shape()).isEqualTo(Shape.of(1, 4, 1));
    assertThat(img.toIntArray()).containsExactly(0, 0, 127, 255);
  }
}
