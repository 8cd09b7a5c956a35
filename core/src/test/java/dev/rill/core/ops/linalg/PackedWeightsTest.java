package dev.rill.core.ops.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.kernel.gemm.Sgemm;
import dev.rill.core.ops.LinalgOps;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Products by a variable's value reuse a packed copy from its second use on: the numbers stay
 * bit-identical to a product by a plain tensor, a new value is never served the old copy, and
 * tensors that are no variable's value are never kept.
 */
class PackedWeightsTest {
  private static final int M = 16;
  private static final int K = 300;
  private static final int N = 400;

  @ParameterizedTest(name = "transposeB={0}")
  @ValueSource(booleans = {false, true})
  void repeatedProductsByAVariableMatchPlainOnes(boolean transB) {
    Shape wShape = transB ? Shape.of(N, K) : Shape.of(K, N);
    Variable w = new Variable("w", random(wShape, 1));
    Tensor x = random(Shape.of(M, K), 2);
    float[] expected = plainProduct(x, w.value(), transB);
    for (int call = 0; call < 3; call++) {
      assertThat(LinalgOps.matmul(x, w.value(), false, transB).floatData())
          .as("call %d", call).isEqualTo(expected);
    }
    Sgemm.PackedB kept = PackedWeights.lookup(w.value(), transB, N, K);
    assertThat(kept).isNotNull().isSameAs(PackedWeights.lookup(w.value(), transB, N, K));

    // a new value is a new array: it starts over, and never sees the old packing
    w.assign(random(wShape, 3));
    float[] next = plainProduct(x, w.value(), transB);
    assertThat(next).isNotEqualTo(expected);
    for (int call = 0; call < 3; call++) {
      assertThat(LinalgOps.matmul(x, w.value(), false, transB).floatData())
          .as("after assign, call %d", call).isEqualTo(next);
    }
  }

  @ParameterizedTest(name = "transposeB={0}")
  @ValueSource(booleans = {false, true})
  void aValueTheVariableNoLongerHoldsIsNeverKept(boolean transB) {
    Shape wShape = transB ? Shape.of(N, K) : Shape.of(K, N);
    Variable w = new Variable("w", random(wShape, 5));
    Tensor old = w.value();
    w.assign(random(wShape, 6));
    for (int call = 0; call < 3; call++) {
      assertThat(PackedWeights.lookup(old, transB, N, K)).isNull();
    }
  }

  @ParameterizedTest(name = "transposeB={0}")
  @ValueSource(booleans = {false, true})
  void plainTensorsAreNeverKept(boolean transB) {
    Tensor b = random(transB ? Shape.of(N, K) : Shape.of(K, N), 4);
    for (int call = 0; call < 3; call++) {
      assertThat(PackedWeights.lookup(b, transB, N, K)).isNull();
    }
  }

  /** The same product by a copy of {@code b} that is no variable's value. */
  private static float[] plainProduct(Tensor x, Tensor b, boolean transB) {
    Tensor copy = Tensor.of(b.shape(), b.floatData().clone());
    assertThat(copy.origin()).isNull();
    return LinalgOps.matmul(x, copy, false, transB).floatData();
  }

  private static Tensor random(Shape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[shape.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
    }
    return Tensor.of(shape, a);
  }
}
