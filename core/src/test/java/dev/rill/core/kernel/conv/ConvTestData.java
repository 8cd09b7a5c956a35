package dev.rill.core.kernel.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;

/** Seeded operands and the float-against-float64 check the convolution kernel tests share. */
final class ConvTestData {
  private ConvTestData() {}

  /** {@code n} values uniform in [-1, 1). */
  static float[] random(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextDouble(-1, 1);
    }
    return v;
  }

  static double[] widen(float[] v) {
    return IntStream.range(0, v.length).mapToDouble(i -> v[i]).toArray();
  }

  /** Each element within 1e-6 per summed term (plus 1e-6) of the float64 result. */
  static void assertClose(float[] got, double[] want, int terms) {
    for (int i = 0; i < want.length; i++) {
      assertThat((double) got[i]).as("element %d", i)
          .isCloseTo(want[i], Offset.offset(terms * 1e-6 + 1e-6));
    }
  }
}
