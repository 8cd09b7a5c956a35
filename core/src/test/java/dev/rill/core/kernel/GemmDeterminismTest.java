package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.kernel.gemm.Sgemm;
import dev.rill.core.kernel.gemm.Sgemm.Kernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed multiply gives bit-identical results however the work is split. The thread count only
 * changes how many pieces C is cut into, so every split from one piece (the calling thread alone)
 * to more pieces than there are cores must agree bit for bit with every other, and with the
 * scalar kernels that run while the JIT warms up. The depth exceeds one block (384) so that the
 * accumulation across blocks is covered.
 */
class GemmDeterminismTest {
  /** Forced vector kernels run a hundred times slower before C2 compiles them: let it first. */
  @BeforeAll
  static void warmUp() throws InterruptedException {
    Sgemm.awaitVectorKernels(20_000);
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @CsvSource({
      "61, 45, 400, false, false",
      "61, 45, 400, true, true",
      // a last tile of four rows (the dense layers' batch of 100) and of two, by the 4-row tiles
      "100, 70, 400, false, false",
      "100, 70, 400, true, false",
      "62, 33, 100, true, true",
      "20, 100, 390, false, true",
      "20, 100, 390, true, false",
      "300, 10, 64, false, false",
      // cut by rows with a B large enough to be packed once for all tasks
      "300, 200, 400, false, true",
      "250, 203, 333, true, false",
  })
  void sameBitsForEverySplit(int m, int n, int k, boolean transA, boolean transB) {
    var rnd = new SplittableRandom(7);
    float[] a = GemmTest.random(rnd, m * k);
    float[] b = GemmTest.random(rnd, k * n);
    float[] serial = new float[m * n];
    Sgemm.multiply(transA, transB, m, n, k, a, 0, b, 0, serial, 0, 1, Kernels.VECTOR);
    for (int tasks : new int[] {2, 3, 5, 8, 64}) {
      float[] split = new float[m * n];
      Sgemm.multiply(transA, transB, m, n, k, a, 0, b, 0, split, 0, tasks, Kernels.VECTOR);
      assertThat(Arrays.equals(split, serial)).as("%d tasks", tasks).isTrue();
    }
    // the scalar twins, used while the vector code is not compiled yet, agree bit for bit
    for (int tasks : new int[] {1, 3}) {
      float[] scalar = new float[m * n];
      Sgemm.multiply(transA, transB, m, n, k, a, 0, b, 0, scalar, 0, tasks, Kernels.SCALAR);
      assertThat(Arrays.equals(scalar, serial)).as("scalar, %d tasks", tasks).isTrue();
    }
    float[] viaGemm = new float[m * n];
    Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, viaGemm, 0);
    assertThat(Arrays.equals(viaGemm, serial)).as("Gemm.sgemm").isTrue();
    Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, viaGemm, 0);
    assertThat(Arrays.equals(viaGemm, serial)).as("Gemm.sgemm again").isTrue();
  }
}
