package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.kernel.gemm.Sgemm;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed multiply gives bit-identical results however the work is split. The thread count only
 * changes how many pieces C is cut into, so every split from one piece (the calling thread alone)
 * to more pieces than there are cores must agree bit for bit with every other.
 */
class GemmDeterminismTest {
  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @CsvSource({
      "197, 129, 300, false, false",
      "197, 129, 300, true, true",
      "50, 700, 515, false, true",
      "50, 700, 515, true, false",
      "1000, 10, 64, false, false",
  })
  void sameBitsForEverySplit(int m, int n, int k, boolean transA, boolean transB) {
    var rnd = new SplittableRandom(7);
    float[] a = GemmTest.random(rnd, m * k);
    float[] b = GemmTest.random(rnd, k * n);
    float[] serial = new float[m * n];
    Sgemm.multiply(transA, transB, m, n, k, a, 0, b, 0, serial, 0, 1);
    for (int tasks : new int[] {2, 3, 5, 8, 64}) {
      float[] split = new float[m * n];
      Sgemm.multiply(transA, transB, m, n, k, a, 0, b, 0, split, 0, tasks);
      assertThat(java.util.Arrays.equals(split, serial)).as("%d tasks", tasks).isTrue();
    }
    float[] viaGemm = new float[m * n];
    Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, viaGemm, 0);
    assertThat(java.util.Arrays.equals(viaGemm, serial)).as("Gemm.sgemm").isTrue();
    Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, viaGemm, 0);
    assertThat(java.util.Arrays.equals(viaGemm, serial)).as("Gemm.sgemm again").isTrue();
  }
}
