package dev.rill.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import org.junit.jupiter.api.Test;

class SyntheticDigitsTest {
  private static final int PIXELS = 28 * 28;

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() {
    MnistData a = SyntheticDigits.generate(300, 50, 7);
    MnistData b = SyntheticDigits.generate(300, 50, 7);
    MnistData c = SyntheticDigits.generate(300, 50, 8);
    assertThat(a.train().images().uint8Data()).isEqualTo(b.train().images().uint8Data());
    assertThat(a.train().labels().uint8Data()).isEqualTo(b.train().labels().uint8Data());
    assertThat(a.test().images().uint8Data()).isEqualTo(b.test().images().uint8Data());
    assertThat(a.train().images().uint8Data()).isNotEqualTo(c.train().images().uint8Data());
    assertThat(SyntheticDigits.render(3, 5).uint8Data()).isEqualTo(SyntheticDigits.render(3, 5).uint8Data());
  }

  @Test
  void splitsHaveMnistShapesAndDifferentImages() {
    MnistData d = SyntheticDigits.generate(120, 30, 40, 1);
    assertThat(d.train().images().shape()).isEqualTo(Shape.of(120, 28, 28));
    assertThat(d.validation().size()).isEqualTo(30);
    assertThat(d.test().labels().shape()).isEqualTo(Shape.of(40));
    byte[] train = d.train().images().uint8Data();
    byte[] test = d.test().images().uint8Data();
    assertThat(java.util.Arrays.copyOf(train, 40 * PIXELS)).isNotEqualTo(test);
    assertThat(SyntheticDigits.generate(10, 0, 1).validation().size()).isZero();
  }

  @Test
  void classesAreBalancedAndShuffled() {
    byte[] labels = SyntheticDigits.images(1003, 3, 0).labels().uint8Data();
    int[] count = new int[10];
    int runs = 0;
    for (int i = 0; i < labels.length; i++) {
      count[labels[i]]++;
      if (i > 0 && labels[i] == (labels[i - 1] + 1) % 10) {
        runs++;
      }
    }
    assertThat(count).containsExactly(101, 101, 101, 100, 100, 100, 100, 100, 100, 100);
    assertThat(runs).isLessThan(200);   // not 0, 1, 2, ... in order
  }

  @Test
  void imagesLookLikeMnist() {
    LabeledImages li = SyntheticDigits.images(1000, 11, 0);
    byte[] px = li.images().uint8Data();
    double sum = 0;
    long ink = 0;
    long border = 0;
    for (int i = 0; i < li.size(); i++) {
      int max = 0;
      int strokes = 0;
      double mx = 0;
      double my = 0;
      double mass = 0;
      for (int k = 0; k < PIXELS; k++) {
        int v = px[i * PIXELS + k] & 0xff;
        sum += v;
        max = Math.max(max, v);
        strokes += v > 128 ? 1 : 0;
        mx += v * (k % 28);
        my += v * (k / 28);
        mass += v;
        if (v > 0) {
          ink++;
          int x = k % 28;
          int y = k / 28;
          border += (x < 2 || y < 2 || x > 25 || y > 25) ? 1 : 0;
        }
      }
      assertThat(max).as("image %d has full-strength ink", i).isGreaterThanOrEqualTo(250);
      assertThat(strokes).as("image %d has strokes", i).isBetween(15, 400);
      // centred by mass like MNIST (pixel centres are at k + 0.5), give or take the jitter
      assertThat(mx / mass + 0.5).as("image %d centre x", i).isBetween(10.5, 17.5);
      assertThat(my / mass + 0.5).as("image %d centre y", i).isBetween(10.5, 17.5);
    }
    double mean = sum / 255 / px.length;
    // MNIST's training images: mean 0.1307, 19% of the pixels non-zero
    assertThat(mean).isBetween(0.09, 0.18);
    assertThat((double) ink / px.length).isBetween(0.12, 0.28);
    assertThat((double) border / ink).isLessThan(0.03);   // MNIST: 0.003
  }

  @Test
  void classesDifferButNotTrivially() {
    // a nearest-class-mean classifier: far above chance, far below perfect
    LabeledImages train = SyntheticDigits.images(2000, 3, 0);
    LabeledImages test = SyntheticDigits.images(500, 3, 1);
    double[][] mean = new double[10][PIXELS];
    int[] count = new int[10];
    float[] x = train.flatImages().floatData();
    byte[] y = train.labels().uint8Data();
    for (int i = 0; i < y.length; i++) {
      count[y[i]]++;
      for (int k = 0; k < PIXELS; k++) {
        mean[y[i]][k] += x[i * PIXELS + k];
      }
    }
    float[] tx = test.flatImages().floatData();
    byte[] ty = test.labels().uint8Data();
    int right = 0;
    for (int i = 0; i < ty.length; i++) {
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int c = 0; c < 10; c++) {
        double d = 0;
        for (int k = 0; k < PIXELS; k++) {
          double diff = tx[i * PIXELS + k] - mean[c][k] / count[c];
          d += diff * diff;
        }
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      right += best == ty[i] ? 1 : 0;
    }
    double accuracy = (double) right / ty.length;
    assertThat(accuracy).isBetween(0.3, 0.9);
  }

  @Test
  void wrongArgumentsAreRejected() {
    assertThatThrownBy(() -> SyntheticDigits.images(-1, 0, 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("count must be in [0, 2739137], got -1");
    assertThatThrownBy(() -> SyntheticDigits.render(10, 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("0..9, got 10");
  }
}
