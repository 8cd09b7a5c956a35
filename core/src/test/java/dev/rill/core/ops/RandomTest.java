package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Philox;
import dev.rill.core.ops.random.RandomKernels;
import dev.rill.core.ops.random.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The Philox generator and the random ops: known answers, determinism whatever the threading, and
 * statistics of 1e5 samples within about five standard errors.
 */
class RandomTest {
  private static final int N = 100_000;
  private static final Shape BIG = Shape.of(N);

  @Test
  void philoxMatchesRandom123KnownAnswers() {
    int[] out = new int[4];
    Philox.block(0, 0, 0, 0, 0, 0, out);
    assertThat(out).containsExactly(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    Philox.block(-1, -1, -1, -1, -1, -1, out);
    assertThat(out).containsExactly(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    Philox.block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    assertThat(out).containsExactly(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
  }

  /** Every kind of draw, for one dtype, from a seed. */
  private static List<Tensor> draws(DType dtype, long seed) {
    Shape s = Shape.of(N / 10);
    return List.of(RandomOps.uniform(s, dtype, seed), RandomOps.normal(s, dtype, seed),
        RandomOps.truncatedNormal(s, dtype, seed));
  }

  @Test
  void sameSeedSameNumbersDifferentSeedDifferent() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      List<Tensor> a = draws(dt, 42);
      List<Tensor> b = draws(dt, 42);
      List<Tensor> c = draws(dt, 43);
      for (int k = 0; k < a.size(); k++) {
        assertThat(a.get(k).contentEquals(b.get(k))).isTrue();
        assertThat(a.get(k).contentEquals(c.get(k))).isFalse();
        assertThat(differing(a.get(k), c.get(k))).isGreaterThan(N / 10 * 99 / 100);
      }
    }
    Tensor i1 = RandomOps.uniform(BIG, DType.INT32, -5, 5, 42);
    assertThat(i1.contentEquals(RandomOps.uniform(BIG, DType.INT32, -5, 5, 42))).isTrue();
    assertThat(i1.contentEquals(RandomOps.uniform(BIG, DType.INT32, -5, 5, 41))).isFalse();
  }

  private static int differing(Tensor a, Tensor b) {
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      n += x[i] != y[i] ? 1 : 0;
    }
    return n;
  }

  /** A fill of [from, to) by one kernel. */
  private interface RangeFill {
    void fill(Object out, int from, int to);
  }

  /** Fills n elements in shuffled uneven ranges from 7 threads. */
  private static Object splitFill(Object out, int n, RangeFill f) throws Exception {
    Random r = new Random(3);
    List<int[]> ranges = new ArrayList<>();
    for (int from = 0; from < n; ) {
      int to = Math.min(n, from + 1 + r.nextInt(5000));
      ranges.add(new int[] {from, to});
      from = to;
    }
    Collections.shuffle(ranges, r);
    ExecutorService pool = Executors.newFixedThreadPool(7);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int[] range : ranges) {
        jobs.add(pool.submit(() -> f.fill(out, range[0], range[1])));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } finally {
      pool.shutdown();
    }
    return out;
  }

  @Test
  void anySplitOverThreadsGivesTheSameNumbers() throws Exception {
    int n = 100_003;
    Shape s = Shape.of(n);
    long seed = 9;
    long counter = RandomOps.STATELESS_COUNTER;
    assertThat(splitFill(new float[n], n,
        (o, a, b) -> RandomKernels.uniform(seed, counter, (float[]) o, a, b)))
        .isEqualTo(RandomOps.uniform(s, DType.FLOAT32, seed).floatData());
    assertThat(splitFill(new double[n], n,
        (o, a, b) -> RandomKernels.uniform(seed, counter, (double[]) o, a, b)))
        .isEqualTo(RandomOps.uniform(s, DType.FLOAT64, seed).doubleData());
    assertThat(splitFill(new float[n], n,
        (o, a, b) -> RandomKernels.normal(seed, counter, (float[]) o, a, b)))
        .isEqualTo(RandomOps.normal(s, DType.FLOAT32, seed).floatData());
    assertThat(splitFill(new double[n], n,
        (o, a, b) -> RandomKernels.normal(seed, counter, (double[]) o, a, b)))
        .isEqualTo(RandomOps.normal(s, DType.FLOAT64, seed).doubleData());
    assertThat(splitFill(new float[n], n,
        (o, a, b) -> RandomKernels.truncatedNormal(seed, counter, (float[]) o, a, b)))
        .isEqualTo(RandomOps.truncatedNormal(s, DType.FLOAT32, seed).floatData());
    assertThat(splitFill(new double[n], n,
        (o, a, b) -> RandomKernels.truncatedNormal(seed, counter, (double[]) o, a, b)))
        .isEqualTo(RandomOps.truncatedNormal(s, DType.FLOAT64, seed).doubleData());
    assertThat(splitFill(new int[n], n,
        (o, a, b) -> RandomKernels.uniformInt(seed, counter, -7, 100, (int[]) o, a, b)))
        .isEqualTo(RandomOps.uniform(s, DType.INT32, -7, 100, seed).intData());
    assertThat(splitFill(new long[n], n,
        (o, a, b) -> RandomKernels.uniformInt(seed, counter, -7, 100, (long[]) o, a, b)))
        .isEqualTo(RandomOps.uniform(s, DType.INT64, -7, 100, seed).longData());
  }

  /** Every value in [lo, hi); one assertion, so 1e5 values stay fast. */
  private static void assertWithin(double[] v, double lo, double hi) {
    int outside = 0;
    double first = Double.NaN;
    for (double x : v) {
      if (!(x >= lo && x < hi)) {
        outside++;
        first = Double.isNaN(first) ? x : first;
      }
    }
    assertThat(outside).as("values outside [%s, %s), first %s", lo, hi, first).isZero();
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / v.length;
  }

  /** Correlation of neighbours v[i], v[i+1]: Box-Muller pairs and Philox lanes must not show. */
  private static double lagOneCorrelation(double[] v) {
    double m = mean(v);
    double num = 0;
    for (int i = 0; i + 1 < v.length; i++) {
      num += (v[i] - m) * (v[i + 1] - m);
    }
    return num / (v.length - 1) / variance(v);
  }

  @Test
  void uniformStatistics() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] u = RandomOps.uniform(BIG, dt, 1).toDoubleArray();
      assertWithin(u, 0, 1);
      // standard errors: mean 0.00091, variance 0.00024
      assertThat(mean(u)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.005));
      assertThat(variance(u)).isCloseTo(1.0 / 12, org.assertj.core.data.Offset.offset(0.0015));
      assertThat(Math.abs(lagOneCorrelation(u))).isLessThan(0.016);
      double[] scaled = RandomOps.uniform(BIG, dt, -3, 5, 2).toDoubleArray();
      assertWithin(scaled, -3, 5);
      assertThat(mean(scaled)).isCloseTo(1, org.assertj.core.data.Offset.offset(0.04));
    }
  }

  @Test
  void normalStatistics() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] z = RandomOps.normal(BIG, dt, 5).toDoubleArray();
      // standard errors: mean 0.0032, variance 0.0045
      assertThat(mean(z)).isCloseTo(0, org.assertj.core.data.Offset.offset(0.016));
      assertThat(variance(z)).isCloseTo(1, org.assertj.core.data.Offset.offset(0.025));
      assertThat(Math.abs(lagOneCorrelation(z))).isLessThan(0.016);
      int beyond3 = 0;
      for (double x : z) {
        beyond3 += Math.abs(x) > 3 ? 1 : 0;
      }
      // P(|z| > 3) = 0.0027: 270 expected, standard deviation 16
      assertThat(beyond3).isBetween(190, 350);
      double[] shifted = RandomOps.normal(BIG, dt, 10, 2, 5).toDoubleArray();
      assertThat(mean(shifted)).isCloseTo(10, org.assertj.core.data.Offset.offset(0.032));
      assertThat(variance(shifted)).isCloseTo(4, org.assertj.core.data.Offset.offset(0.1));
    }
  }

  @Test
  void truncatedNormalStaysWithinTwoStandardDeviations() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] z = RandomOps.truncatedNormal(BIG, dt, 6).toDoubleArray();
      assertWithin(z, Math.nextUp(-2.0), 2);
      // variance of a standard normal truncated to (-2, 2): 1 - 4 phi(2) / (2 Phi(2) - 1)
      double phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
      double truncatedVariance = 1 - 4 * phi2 / 0.9544997361036416;
      assertThat(mean(z)).isCloseTo(0, org.assertj.core.data.Offset.offset(0.015));
      assertThat(variance(z)).isCloseTo(truncatedVariance, org.assertj.core.data.Offset.offset(0.015));
      assertThat(Math.abs(lagOneCorrelation(z))).isLessThan(0.016);
      double[] w = RandomOps.truncatedNormal(BIG, dt, 3, 0.5, 6).toDoubleArray();
      assertWithin(w, Math.nextUp(2.0), 4);
    }
  }

  @Test
  void uniformIntegersCoverTheRangeEvenly() {
    int[] counts = new int[10];
    Tensor ints = RandomOps.uniform(BIG, DType.INT32, -3, 7, 8);
    assertWithin(ints.toDoubleArray(), -3, 7);
    for (int v : ints.intData()) {
      counts[v + 3]++;
    }
    for (int c : counts) {
      // 10000 expected per value, standard deviation 95
      assertThat(c).isBetween(9520, 10480);
    }
    long lo = -1_000_000_000_000L;
    long hi = 3_000_000_000_000L;
    double[] big = RandomOps.uniform(BIG, DType.INT64, lo, hi, 8).toDoubleArray();
    assertWithin(big, lo, hi);
    assertThat(mean(big) / 1e12).isCloseTo(1, org.assertj.core.data.Offset.offset(0.02));
    // the whole int64 range, with exact bounds
    long[] full = RandomOps.uniformInt(Shape.of(1000), DType.INT64, Long.MIN_VALUE,
        Long.MAX_VALUE, 8).longData();
    int negative = 0;
    for (long v : full) {
      assertThat(v).isNotEqualTo(Long.MAX_VALUE);
      negative += v < 0 ? 1 : 0;
    }
    assertThat(negative).isBetween(420, 580);
    assertThat(RandomOps.uniformInt(Shape.of(4), DType.INT64, 5, 6, new Rng(1)).longData())
        .containsOnly(5L);
  }

  @Test
  void rngGivesNewNumbersEachCallAndRepeatsOnRerun() {
    Rng rng = new Rng(123);
    assertThat(rng.counter()).isEqualTo(1);
    Tensor a = rng.uniform(Shape.of(50), DType.FLOAT32);
    Tensor b = rng.uniform(Shape.of(50), DType.FLOAT32);
    Tensor n = rng.normal(Shape.of(50), DType.FLOAT64);
    assertThat(rng.counter()).isEqualTo(4);
    assertThat(a.contentEquals(b)).isFalse();
    Rng again = new Rng(123);
    assertThat(again.uniform(Shape.of(50), DType.FLOAT32).contentEquals(a)).isTrue();
    assertThat(again.uniform(Shape.of(50), DType.FLOAT32).contentEquals(b)).isTrue();
    assertThat(again.normal(Shape.of(50), DType.FLOAT64).contentEquals(n)).isTrue();
    // stateless calls use stream 0, which a generator never takes
    assertThat(RandomOps.uniform(Shape.of(50), DType.FLOAT32, 123).contentEquals(a)).isFalse();
    assertThat(new Rng(123, 0).uniform(Shape.of(50), DType.FLOAT32)
        .contentEquals(RandomOps.uniform(Shape.of(50), DType.FLOAT32, 123))).isTrue();
    Tensor t = new Rng(5).truncatedNormal(Shape.of(2, 3), DType.FLOAT32, 1, 2);
    assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
  }

  @Test
  void prefixesAgreeAndShapesDoNotChangeValues() {
    // element i depends only on (seed, stream, i): a longer draw extends a shorter one
    float[] small = RandomOps.normal(Shape.of(7), DType.FLOAT32, 4).floatData();
    float[] large = RandomOps.normal(Shape.of(3, 5), DType.FLOAT32, 4).floatData();
    assertThat(java.util.Arrays.copyOf(large, 7)).isEqualTo(small);
    assertThat(RandomOps.uniform(Shape.of(0, 4), DType.FLOAT32, 1).size()).isZero();
    assertThat(RandomOps.uniform(Shape.scalar(), DType.FLOAT64, 1).shape()).isEqualTo(
        Shape.scalar());
  }

  @Test
  void randomTensorsAreConstantsForGradients() {
    Tensor x = Tensor.of(1.0, 2.0, 3.0);
    var tape = dev.rill.core.autodiff.GradientTape.start();
    Tensor noise = RandomOps.uniform(Shape.of(3), DType.FLOAT64, 1);
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = ReduceOps.sum(MathOps.mul(x, RandomOps.uniform(Shape.of(3), DType.FLOAT64, 1)));
    }
    assertThat(tape.gradient(y, x).toDoubleArray()).containsExactly(noise.toDoubleArray());
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> RandomOps.uniform(Shape.of(2), DType.INT32, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("RandomUniformInt:").hasMessageContaining("int32");
    assertThatThrownBy(() -> RandomOps.uniform(Shape.of(2), DType.INT64, 5, 5, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("RandomUniformInt:").hasMessageContaining("minval=5")
        .hasMessageContaining("maxval=5");
    assertThatThrownBy(() -> RandomOps.uniform(Shape.of(2), DType.INT32, 0.5, 3, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("RandomUniformInt:").hasMessageContaining("0.5");
    assertThatThrownBy(() -> RandomOps.uniformInt(Shape.of(2), DType.INT32, 0, 1L << 40, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("RandomUniformInt:").hasMessageContaining("int32");
    assertThatThrownBy(() -> RandomOps.uniformInt(Shape.of(2), DType.FLOAT32, 0, 4, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("RandomUniformInt:").hasMessageContaining("float32");
    assertThatThrownBy(() -> RandomOps.normal(Shape.of(2), DType.BOOL, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("RandomStandardNormal:").hasMessageContaining("bool");
    assertThatThrownBy(() -> RandomOps.truncatedNormal(Shape.of(-1, 2), DType.FLOAT32, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("TruncatedNormal:").hasMessageContaining("[-1, 2]");
  }
}
