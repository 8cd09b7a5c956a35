package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.kernel.gemm.Sgemm;
import dev.rill.core.kernel.gemm.Sgemm.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Gemm} and the packed {@link Sgemm} against a float64-accumulated reference, over shapes
 * chosen to hit every edge of the tiling and blocking, with all four transpose combinations and
 * non-zero offsets.
 */
class GemmTest {
  private static final int MR = Sgemm.TILE_ROWS;
  private static final int NR = Sgemm.TILE_COLS;
  private static final int A_OFF = 3;
  private static final int B_OFF = 5;
  private static final int C_OFF = 7;
  /** Written around C's region: it must come back untouched. */
  private static final float SENTINEL = -12345f;

  /** Forced vector kernels run a hundred times slower before C2 compiles them: let it first. */
  @BeforeAll
  static void warmUp() throws InterruptedException {
    Sgemm.awaitVectorKernels(20_000);
  }

  static Stream<Arguments> cases() {
    int[][] shapes = {
        {1, 1, 1}, {2, 3, 4}, {7, 13, 5}, {13, 7, 5}, {1, 1, 300}, {1, 300, 1}, {300, 1, 1},
        {1000, 3, 2}, {3, 1000, 2}, {5, 2, 1000}, {33, 65, 17}, {MR + 1, NR + 1, 3},
        {MR - 1, NR - 1, 40}, {37, 2 * NR - 1, 31}, {64, 64, 64}, {100, 10, 1024},
        {8 * MR + 5, 40, 2 * Sgemm.KC + 3}, {2 * MR + 1, Sgemm.NC + 1, Sgemm.KC + 1},
        {4, 500, 300}, {100, 3136, 64},
    };
    List<Arguments> out = new ArrayList<>();
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @MethodSource("cases")
  void sgemmMatchesReference(int m, int n, int k, boolean transA, boolean transB) {
    var rnd = new SplittableRandom(m * 1_000_003L + n * 1009L + k);
    float[] a = random(rnd, A_OFF + m * k);
    float[] b = random(rnd, B_OFF + k * n);
    double[][] ref = reference(transA, transB, m, n, k, a, A_OFF, b, B_OFF);

    float[] c = cBuffer(m * n);
    Gemm.sgemm(transA, transB, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF);
    assertClose(c, ref, m, n, k);

    // the packed path on its own, whatever size the dispatch would pick: vector kernels split,
    // their scalar twins serial
    c = cBuffer(m * n);
    Sgemm.multiply(transA, transB, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF, 3, Kernels.VECTOR);
    assertClose(c, ref, m, n, k);
    c = cBuffer(m * n);
    Sgemm.multiply(transA, transB, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF, 1, Kernels.SCALAR);
    assertClose(c, ref, m, n, k);

    // B packed once and reused: the same numbers, bit for bit, as packing it on the way
    float[] unpacked = c.clone();
    Sgemm.PackedB packed = Sgemm.packB(transB, b, B_OFF, n, k);
    for (int tasks : new int[] {1, 3}) {
      c = cBuffer(m * n);
      Sgemm.multiply(transA, m, a, A_OFF, packed, c, C_OFF, tasks);
      assertThat(c).as("packed B, %d tasks", tasks).isEqualTo(unpacked);
    }
  }

  /**
   * A product of a few rows (one example at inference) reads B in place instead of packing it; its
   * rows are bit-identical to the same rows of a product with many rows, which packs B.
   */
  @ParameterizedTest(name = "{0} rows x{1}x{2} transA={3}")
  @CsvSource({"1,1024,3136,false", "1,10,1024,false", "2,1000,800,true", "3,33,17,false",
      "4,2049,1000,true", "4,1,5,false", "1,4,999,true", "1,1000,800,false", "1,301,70,true"})
  void fewRowsAreBitIdenticalToTheSameRowsOfALargerProduct(int m, int n, int k, boolean transA) {
    var rnd = new SplittableRandom(m * 31L + n * 7L + k);
    int big = 2 * MR + 3;
    float[] b = random(rnd, B_OFF + k * n);
    float[] aBig = random(rnd, big * k);
    float[] cBig = new float[big * n];
    // rows [big - m, big) of the big product; stored [k, big] when transposed
    Sgemm.multiply(transA, false, big, n, k, aBig, 0, b, B_OFF, cBig, 0, 2, Kernels.VECTOR);
    float[] a = new float[A_OFF + m * k];
    for (int r = 0; r < m; r++) {
      for (int p = 0; p < k; p++) {
        float v = transA ? aBig[p * big + big - m + r] : aBig[(big - m + r) * k + p];
        a[A_OFF + (transA ? p * m + r : r * k + p)] = v;
      }
    }
    float[] expected = java.util.Arrays.copyOfRange(cBig, (big - m) * n, big * n);
    for (Kernels kernels : Kernels.values()) {
      for (int tasks : new int[] {1, 2, 5}) {
        float[] c = cBuffer(m * n);
        Sgemm.multiply(transA, false, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF, tasks, kernels);
        assertThat(java.util.Arrays.copyOfRange(c, C_OFF, C_OFF + m * n))
            .as("%s, %d tasks", kernels, tasks).isEqualTo(expected);
        assertThat(c[C_OFF - 1]).isEqualTo(SENTINEL);
        assertThat(c[C_OFF + m * n]).isEqualTo(SENTINEL);
      }
    }
    if ((long) m * n * k >= Gemm.SMALL_MNK) {   // smaller ones take the plain loop, without FMA
      float[] c = cBuffer(m * n);
      Gemm.sgemm(transA, false, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF);
      assertThat(java.util.Arrays.copyOfRange(c, C_OFF, C_OFF + m * n)).isEqualTo(expected);
    }
  }

  /**
   * Packing a B stored transposed ({@code [n, k]}, moved in 16 x 16 register blocks on AVX-512
   * with a scalar tail) gives the same floats as packing a plain copy of {@code op(B)}.
   */
  @ParameterizedTest(name = "n={0} k={1}")
  @CsvSource({"1,1", "31,15", "32,16", "33,17", "64,48", "100,1024", "3136,100", "70,801"})
  void transposedBPacksLikeItsPlainCopy(int n, int k) {
    var rnd = new SplittableRandom(n * 131L + k);
    float[] stored = random(rnd, B_OFF + n * k);
    float[] plain = new float[k * n];
    for (int j = 0; j < n; j++) {
      for (int p = 0; p < k; p++) {
        plain[p * n + j] = stored[B_OFF + j * k + p];
      }
    }
    assertThat(Sgemm.packB(true, stored, B_OFF, n, k).data())
        .isEqualTo(Sgemm.packB(false, plain, 0, n, k).data());
  }

  /** Seeded random shapes, transposes, offsets and splits, small enough to run by the dozen. */
  @Test
  void randomShapesMatchReference() {
    var rnd = new SplittableRandom(2024);
    for (int trial = 0; trial < 60; trial++) {
      int m = 1 + rnd.nextInt(3 * MR);
      int n = 1 + rnd.nextInt(3 * NR);
      int k = 1 + rnd.nextInt(90);
      boolean transA = rnd.nextBoolean();
      boolean transB = rnd.nextBoolean();
      int aOff = rnd.nextInt(5);
      int bOff = rnd.nextInt(5);
      float[] a = random(rnd, aOff + m * k);
      float[] b = random(rnd, bOff + k * n);
      double[][] ref = reference(transA, transB, m, n, k, a, aOff, b, bOff);
      float[] c = cBuffer(m * n);
      Gemm.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, c, C_OFF);
      assertClose(c, ref, m, n, k);
      c = cBuffer(m * n);
      Kernels kernels = rnd.nextBoolean() ? Kernels.VECTOR : Kernels.SCALAR;
      Sgemm.multiply(transA, transB, m, n, k, a, aOff, b, bOff, c, C_OFF, 1 + rnd.nextInt(6),
          kernels);
      assertClose(c, ref, m, n, k);
    }
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @MethodSource("cases")
  void dgemmMatchesReference(int m, int n, int k, boolean transA, boolean transB) {
    var rnd = new SplittableRandom(k * 31L + n);
    double[] a = rnd.doubles(A_OFF + m * k, -1, 1).toArray();
    double[] b = rnd.doubles(B_OFF + k * n, -1, 1).toArray();
    double[] c = new double[C_OFF + m * n + 2];
    java.util.Arrays.fill(c, Double.NaN);
    Gemm.dgemm(transA, transB, m, n, k, a, A_OFF, b, B_OFF, c, C_OFF);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          double v = (transA ? a[A_OFF + p * m + i] : a[A_OFF + i * k + p])
              * (transB ? b[B_OFF + j * k + p] : b[B_OFF + p * n + j]);
          s += v;
          abs += Math.abs(v);
        }
        assertThat(c[C_OFF + i * n + j]).as("C[%d,%d]", i, j)
            .isCloseTo(s, org.assertj.core.data.Offset.offset(4 * k * 0x1p-52 * abs + 1e-300));
      }
    }
    assertThat(c[C_OFF - 1]).isNaN();
    assertThat(c[C_OFF + m * n]).isNaN();
  }

  @Test
  void emptyDimensions() {
    float[] a = {1, 2, 3};
    float[] b = {4, 5, 6};
    float[] c = {9, 9, 9, 9};
    Gemm.sgemm(false, false, 0, 2, 3, a, 0, b, 0, c, 0);
    Gemm.sgemm(false, true, 2, 0, 3, a, 0, b, 0, c, 0);
    assertThat(c).containsExactly(9, 9, 9, 9);
    // k = 0: an empty sum, so C is zero, not left as it was
    Gemm.sgemm(true, false, 1, 2, 0, a, 0, b, 0, c, 1);
    assertThat(c).containsExactly(9, 0, 0, 9);

    double[] d = {9, 9, 9};
    Gemm.dgemm(false, false, 1, 2, 0, new double[0], 0, new double[0], 0, d, 1);
    assertThat(d).containsExactly(9, 0, 0);
    assertThatThrownBy(() -> Sgemm.multiply(false, false, 1, 1, 0, a, 0, b, 0, c, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=0");
  }

  @Test
  void snippetExample() {
    float[] c = new float[4];
    Gemm.sgemm(false, false, 2, 2, 3, new float[] {1, 2, 3, 4, 5, 6}, 0,
        new float[] {1, 0, 0, 1, 1, 1}, 0, c, 0);
    assertThat(c).containsExactly(4, 5, 10, 11);
  }

  /** Sizes that take the plain loop and the packed kernel, each through the public entry point. */
  static Stream<Arguments> nanShapes() {
    return Stream.of(Arguments.of(3, 4, 5), Arguments.of(40, 2 * NR + 3, 70));
  }

  @ParameterizedTest(name = "{0}x{1}x{2}")
  @MethodSource("nanShapes")
  void zeroTimesNanOrInfIsNan(int m, int n, int k) {
    for (int t = 0; t < 4; t++) {
      boolean transA = (t & 1) != 0;
      boolean transB = (t & 2) != 0;
      // A is all zeros, B is all ones but for a NaN in column 1 and an Inf in column 2
      float[] a = new float[m * k];
      float[] b = new float[k * n];
      java.util.Arrays.fill(b, 1f);
      b[transB ? 1 * k + (k - 1) : (k - 1) * n + 1] = Float.NaN;
      b[transB ? 2 * k : 2] = Float.POSITIVE_INFINITY;
      float[] c = new float[m * n];
      Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, c, 0);
      for (int i = 0; i < m; i++) {
        assertThat(c[i * n]).isZero();
        assertThat(c[i * n + 1]).as("0 * NaN in row %d", i).isNaN();
        assertThat(c[i * n + 2]).as("0 * Inf in row %d", i).isNaN();
        assertThat(c[i * n + n - 1]).isZero();
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1}x{2}")
  @MethodSource("nanShapes")
  void infinitiesPropagate(int m, int n, int k) {
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    java.util.Arrays.fill(a, 1f);
    java.util.Arrays.fill(b, 1f);
    a[0] = Float.POSITIVE_INFINITY; // row 0 of C is +Inf ...
    a[k] = Float.POSITIVE_INFINITY; // ... row 1 gets Inf * 1 + Inf * -1 in column 0: NaN
    a[k + 1] = Float.POSITIVE_INFINITY;
    b[n] = -1f;
    float[] c = new float[m * n];
    Gemm.sgemm(false, false, m, n, k, a, 0, b, 0, c, 0);
    for (int j = 0; j < n; j++) {
      assertThat(c[j]).isEqualTo(Float.POSITIVE_INFINITY);
    }
    assertThat(c[n]).isNaN();
    assertThat(c[n + 1]).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(c[2 * n]).isEqualTo(k - 2f); // k ones, one of them turned to -1 in B
    assertThat(c[2 * n + 1]).isEqualTo((float) k);
  }

  static float[] random(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rnd.nextDouble(-1, 1);
    }
    return x;
  }

  /** C's region filled with NaN (so a missed write shows), with sentinels on both sides. */
  private static float[] cBuffer(int size) {
    float[] c = new float[C_OFF + size + 3];
    java.util.Arrays.fill(c, SENTINEL);
    java.util.Arrays.fill(c, C_OFF, C_OFF + size, Float.NaN);
    return c;
  }

  /** {@code ref[0]} holds the products' sums, {@code ref[1]} the sums of their magnitudes. */
  static double[][] reference(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, float[] b, int bOff) {
    double[] sum = new double[m * n];
    double[] abs = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        for (int j = 0; j < n; j++) {
          double v = av * (transB ? b[bOff + j * k + p] : b[bOff + p * n + j]);
          sum[i * n + j] += v;
          abs[i * n + j] += Math.abs(v);
        }
      }
    }
    return new double[][] {sum, abs};
  }

  /**
   * Float summation of k products errs by at most about {@code k * u * sum|a_p b_p|} (u = 2^-24);
   * one more rounding for the store.
   */
  private static void assertClose(float[] c, double[][] ref, int m, int n, int k) {
    for (int i = 0; i < m * n; i++) {
      double tol = (k + 2) * 0x1p-24 * ref[1][i] + Float.MIN_NORMAL;
      double err = Math.abs(c[C_OFF + i] - ref[0][i]);
      if (!(err <= tol)) {
        throw new AssertionError("C[" + i / n + "," + i % n + "] of " + m + "x" + n + "x" + k
            + " = " + c[C_OFF + i] + ", expected " + ref[0][i] + " +- " + tol);
      }
    }
    for (int i = 0; i < C_OFF; i++) {
      assertThat(c[i]).as("before C").isEqualTo(SENTINEL);
    }
    for (int i = C_OFF + m * n; i < c.length; i++) {
      assertThat(c[i]).as("after C").isEqualTo(SENTINEL);
    }
  }
}
