package dev.rill.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.math.UnaryDefs;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectorised float32 Relu and ReluGrad loops against their scalar definition, on lengths that
 * leave tails, with the values where selecting is subtle: NaN, -0, infinities.
 */
class ReluKernelTest {
  private static float[] values(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] special = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE};
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 15, 16, 17, 63, 1000, 70001})
  void reluSelectsPositiveValues(int n) {
    float[] x = values(n, n);
    float[] y = MathOps.relu(Tensor.of(Shape.of(n), x)).floatData();
    for (int i = 0; i < n; i++) {
      float want = x[i] > 0 ? x[i] : 0f;
      assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(y[i]), "element " + i
          + " of relu(" + x[i] + ")");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 15, 16, 17, 63, 1000, 70001})
  void reluGradPassesGradientsWhereFeaturesArePositive(int n) {
    float[] dy = values(n, 2L * n);
    float[] features = values(n, 3L * n);
    float[] dx = dev.rill.core.op.Exec.run1(UnaryDefs.RELU_GRAD, Tensor.of(Shape.of(n), dy),
        Tensor.of(Shape.of(n), features))
        .floatData();
    for (int i = 0; i < n; i++) {
      float want = features[i] > 0 ? dy[i] : 0f;
      assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(dx[i]), "element " + i);
    }
  }
}
