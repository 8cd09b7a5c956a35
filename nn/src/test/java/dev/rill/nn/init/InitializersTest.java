package dev.rill.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.init.VarianceScaling.Distribution;
import dev.rill.nn.init.VarianceScaling.Mode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitializersTest {
  private static final Shape CONV = Shape.of(5, 5, 32, 64);   // fans 800 and 1600

  @Test
  void fansFollowTensorFlow() {
    assertThat(Fans.of(Shape.scalar())).isEqualTo(new Fans(1, 1));
    assertThat(Fans.of(Shape.of(7))).isEqualTo(new Fans(7, 7));
    assertThat(Fans.of(Shape.of(784, 10))).isEqualTo(new Fans(784, 10));
    assertThat(Fans.of(Shape.of(3, 4, 5))).isEqualTo(new Fans(12, 15));
    assertThat(Fans.of(CONV)).isEqualTo(new Fans(800, 1600));
    assertThat(Fans.of(CONV).fanAvg()).isEqualTo(1200);
  }

  @Test
  void constants() {
    Rng rng = new Rng(1);
    assertThat(Initializers.zeros().apply(Shape.of(2, 2), DType.INT32, rng).toIntArray())
        .containsExactly(0, 0, 0, 0);
    assertThat(Initializers.ones().apply(Shape.of(3), DType.FLOAT64, rng).toDoubleArray())
        .containsExactly(1, 1, 1);
    assertThat(Initializers.constant(0.1).apply(Shape.of(2), DType.FLOAT32, rng).toFloatArray())
        .containsExactly(0.1f, 0.1f);
    Tensor t = Initializers.constant(Tensor.of(1f, 2f, 3f, 4f)).apply(Shape.of(2, 2),
        DType.FLOAT64, rng);
    assertThat(t.shape()).isEqualTo(Shape.of(2, 2));
    assertThat(t.toDoubleArray()).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> Initializers.constant(Tensor.of(1f, 2f)).apply(Shape.of(3),
        DType.FLOAT32, rng)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("2 values").hasMessageContaining("[3]");
  }

  @Test
  void glorotUniformStaysWithinItsLimitAndHasItsVariance() {
    // limit sqrt(6 / (800 + 1600)) = 0.05; variance limit^2 / 3 = 1 / 1200
    double[] v = Initializers.glorotUniform().apply(CONV, DType.FLOAT32, new Rng(3))
        .toDoubleArray();
    double limit = Math.sqrt(6.0 / 2400);
    for (double d : v) {
      assertThat(Math.abs(d)).isLessThanOrEqualTo(limit);
    }
    Stats s = Stats.of(v);
    assertThat(s.mean).isCloseTo(0, offset(5 * Math.sqrt(1.0 / 1200 / v.length)));
    assertThat(s.variance * 1200).isCloseTo(1, offset(0.02));
    assertThat(s.max).isGreaterThan(0.99 * limit);
  }

  @Test
  void truncatedNormalsAreCutAtTwoStddevs() {
    // TF's truncated_normal_initializer(stddev=0.1): values in (-0.2, 0.2), stddev 0.1 * 0.8796
    double[] v = Initializers.truncatedNormal(0, 0.1).apply(Shape.of(200, 500), DType.FLOAT32,
        new Rng(4)).toDoubleArray();
    Stats s = Stats.of(v);
    assertThat(s.max).isLessThanOrEqualTo(0.2).isGreaterThan(0.19);
    assertThat(s.min).isGreaterThanOrEqualTo(-0.2);
    assertThat(Math.sqrt(s.variance)).isCloseTo(0.1 * VarianceScaling.TRUNCATED_STDDEV,
        offset(0.001));
    // glorot normal corrects for the cut: the variance is 2 / (fanIn + fanOut) again
    double[] g = Initializers.glorotNormal().apply(CONV, DType.FLOAT64, new Rng(5))
        .toDoubleArray();
    Stats gs = Stats.of(g);
    assertThat(gs.variance * 1200).isCloseTo(1, offset(0.02));
    double cut = 2 * Math.sqrt(1.0 / 1200) / VarianceScaling.TRUNCATED_STDDEV;
    assertThat(Math.max(gs.max, -gs.min)).isLessThanOrEqualTo(cut);
  }

  @Test
  void varianceScalingModesAndDistributions() {
    Shape shape = Shape.of(400, 100);
    Rng rng = new Rng(6);
    double[][] cases = {
        // scale, mode, distribution, expected variance
        {2, 0, 1, 2.0 / 400},     // he untruncated normal: fan_in
        {1, 1, 2, 1.0 / 100},     // uniform over fan_out
        {3, 2, 0, 3.0 / 250},     // truncated normal over fan_avg
    };
    for (double[] c : cases) {
      Initializer init = Initializers.varianceScaling(c[0], Mode.values()[(int) c[1]],
          Distribution.values()[(int) c[2]]);
      Stats s = Stats.of(init.apply(shape, DType.FLOAT32, rng).toDoubleArray());
      assertThat(s.variance / c[3]).as("case %s", Arrays.toString(c))
          .isCloseTo(1, offset(0.03));
    }
    assertThat(Stats.of(Initializers.heUniform().apply(shape, DType.FLOAT32, rng)
        .toDoubleArray()).max).isLessThanOrEqualTo(Math.sqrt(6.0 / 400));
    assertThat(Stats.of(Initializers.lecunUniform().apply(shape, DType.FLOAT32, rng)
        .toDoubleArray()).max).isLessThanOrEqualTo(Math.sqrt(3.0 / 400));
    assertThat(Stats.of(Initializers.heNormal().apply(shape, DType.FLOAT32, rng)
        .toDoubleArray()).variance * 200).isCloseTo(1, offset(0.03));
    assertThat(Stats.of(Initializers.lecunNormal().apply(shape, DType.FLOAT32, rng)
        .toDoubleArray()).variance * 400).isCloseTo(1, offset(0.03));
  }

  @Test
  void plainRandomInitializersUseKerasDefaults() {
    Rng rng = new Rng(7);
    Stats u = Stats.of(Initializers.randomUniform().apply(Shape.of(10000), DType.FLOAT32, rng)
        .toDoubleArray());
    assertThat(u.min).isGreaterThanOrEqualTo(-0.05);
    assertThat(u.max).isLessThan(0.05);
    Stats n = Stats.of(Initializers.randomNormal(1, 2).apply(Shape.of(20000), DType.FLOAT64, rng)
        .toDoubleArray());
    assertThat(n.mean).isCloseTo(1, offset(0.05));
    assertThat(Math.sqrt(n.variance)).isCloseTo(2, offset(0.05));
    assertThat(Math.sqrt(Stats.of(Initializers.randomNormal().apply(Shape.of(20000),
        DType.FLOAT32, rng).toDoubleArray()).variance)).isCloseTo(0.05, offset(0.002));
    assertThat(Stats.of(Initializers.truncatedNormal().apply(Shape.of(1000), DType.FLOAT32, rng)
        .toDoubleArray()).max).isLessThanOrEqualTo(0.1);
  }

  @Test
  void seededAndDrawnFromTheScope() {
    Tensor a = Initializers.glorotUniform().apply(Shape.of(3, 4), DType.FLOAT32, new Rng(9));
    Tensor b = Initializers.glorotUniform().apply(Shape.of(3, 4), DType.FLOAT32, new Rng(9));
    assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(9), null)) {
      Tensor c = Initializers.glorotUniform().apply(Shape.of(3, 4), DType.FLOAT32);
      assertThat(c.toFloatArray()).containsExactly(a.toFloatArray());
      Tensor d = Initializers.glorotUniform().apply(Shape.of(3, 4), DType.FLOAT32);
      assertThat(d.toFloatArray()).isNotEqualTo(a.toFloatArray());
    }
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Initializers.glorotUniform().apply(Shape.of(2), DType.INT32,
        new Rng(1))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("int32");
    assertThatThrownBy(() -> Initializers.randomUniform(1, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("minval=1.0");
    assertThatThrownBy(() -> Initializers.truncatedNormal(0, -1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("stddev=-1.0");
    assertThatThrownBy(() -> Initializers.varianceScaling(0, Mode.FAN_IN, Distribution.UNIFORM))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("scale=0.0");
  }

  private record Stats(double mean, double variance, double min, double max) {
    static Stats of(double[] v) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double d : v) {
        sum += d;
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      double mean = sum / v.length;
      double ss = 0;
      for (double d : v) {
        ss += (d - mean) * (d - mean);
      }
      return new Stats(mean, ss / v.length, min, max);
    }
  }
}
