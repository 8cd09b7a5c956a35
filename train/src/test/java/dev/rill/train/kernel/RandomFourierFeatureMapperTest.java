package dev.rill.train.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomFourierFeatureMapperTest {
  @Test
  void sameSeedSameMapOtherSeedOtherMap() {
    Tensor x = points(new SplittableRandom(1), 8, 3, 1.0);
    RandomFourierFeatureMapper a = new RandomFourierFeatureMapper(3, 50, 2.0, 7);
    RandomFourierFeatureMapper b = new RandomFourierFeatureMapper(3, 50, 2.0, 7);
    RandomFourierFeatureMapper c = new RandomFourierFeatureMapper(3, 50, 2.0, 8);
    assertThat(b.omega().floatData()).containsExactly(a.omega().floatData());
    assertThat(b.bias().floatData()).containsExactly(a.bias().floatData());
    assertThat(b.map(x).floatData()).containsExactly(a.map(x).floatData());
    assertThat(c.omega().floatData()).isNotEqualTo(a.omega().floatData());
    // mapping twice draws nothing new
    assertThat(a.map(x).floatData()).containsExactly(b.map(x).floatData());
  }

  @Test
  void parameterStatistics() {
    double stddev = 2.5;
    RandomFourierFeatureMapper m = new RandomFourierFeatureMapper(10, 4000, stddev, 3);
    assertThat(m.omega().shape()).isEqualTo(Shape.of(10, 4000));
    assertThat(m.bias().shape()).isEqualTo(Shape.of(4000));
    float[] w = m.omega().floatData();
    double mean = 0;
    double sq = 0;
    for (float v : w) {
      mean += v;
      sq += (double) v * v;
    }
    mean /= w.length;
    double sd = Math.sqrt(sq / w.length - mean * mean);
    // 40000 draws: the mean's standard error is 0.002, the deviation's about 0.0014
    assertThat(mean).isCloseTo(0, within(0.01));
    assertThat(sd).isCloseTo(1 / stddev, within(0.01));
    float[] b = m.bias().floatData();
    double bMean = 0;
    for (float v : b) {
      assertThat(v).isBetween(0f, (float) (2 * Math.PI));
      bMean += v;
    }
    // uniform on [0, 2 pi): mean pi, standard error 1.81 / sqrt(4000) = 0.03
    assertThat(bMean / b.length).isCloseTo(Math.PI, within(0.12));
  }

  @ParameterizedTest
  @CsvSource({"5, 1.5, 11", "3, 0.7, 12", "8, 3.0, 13"})
  void innerProductsApproximateTheGaussianKernel(int dim, double stddev, long seed) {
    int features = 4000;
    int pairs = 200;
    RandomFourierFeatureMapper m = new RandomFourierFeatureMapper(dim, features, stddev, seed);
    SplittableRandom r = new SplittableRandom(seed);
    // points spread about as wide as the kernel, so kernel values cover (0, 1)
    Tensor x = points(r, pairs, dim, stddev / Math.sqrt(dim));
    Tensor y = points(r, pairs, dim, stddev / Math.sqrt(dim));
    Tensor px = m.map(x);
    Tensor py = m.map(y);
    assertThat(px.shape()).isEqualTo(Shape.of(pairs, features));
    double sumError = 0;
    double sumAbsError = 0;
    double maxError = 0;
    double minKernel = 1;
    for (int i = 0; i < pairs; i++) {
      double dot = 0;
      for (int j = 0; j < features; j++) {
        dot += (double) px.getFloat(i, j) * py.getFloat(i, j);
      }
      double exact = m.exactKernel(row(x, i), row(y, i));
      minKernel = Math.min(minKernel, exact);
      double e = dot - exact;
      sumError += e;
      sumAbsError += Math.abs(e);
      maxError = Math.max(maxError, Math.abs(e));
    }
    // each estimate's error has standard deviation below 1/sqrt(D) = 0.016: the mean of 200
    // errors stays within 0.01 of 0, the mean absolute error below 0.02, the worst below 0.07
    assertThat(minKernel).isLessThan(0.5);
    assertThat(sumError / pairs).isCloseTo(0, within(0.01));
    assertThat(sumAbsError / pairs).isLessThan(0.02);
    assertThat(maxError).isLessThan(0.07);
  }

  @Test
  void selfInnerProductIsAboutOne() {
    RandomFourierFeatureMapper m = new RandomFourierFeatureMapper(4, 4000, 1.0, 5);
    Tensor px = m.map(points(new SplittableRandom(5), 1, 4, 1.0));
    double dot = 0;
    for (float v : px.floatData()) {
      dot += (double) v * v;
      assertThat(Math.abs(v)).isLessThanOrEqualTo((float) Math.sqrt(2.0 / 4000) * 1.0001f);
    }
    assertThat(dot).isCloseTo(1, within(0.05));
  }

  @Test
  void rejectsBadArguments() {
    RandomFourierFeatureMapper m = new RandomFourierFeatureMapper(3, 10, 1.0, 1);
    assertThatThrownBy(() -> m.map(Tensor.of(new float[][] {{1f, 2f}})))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("[batch, 3]");
    assertThatThrownBy(() -> new RandomFourierFeatureMapper(3, 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RandomFourierFeatureMapper(0, 10, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Tensor points(SplittableRandom r, int n, int dim, double scale) {
    float[] v = new float[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (scale * r.nextGaussian());
    }
    return Tensor.of(Shape.of(n, dim), v);
  }

  static float[] row(Tensor t, int i) {
    int d = t.shape().dim(1);
    float[] out = new float[d];
    System.arraycopy(t.floatData(), i * d, out, 0, d);
    return out;
  }
}
