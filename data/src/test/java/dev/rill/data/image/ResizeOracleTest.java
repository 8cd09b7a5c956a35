package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resize edge cases against TF 2.18's ResizeBilinear / ResizeNearestNeighbor: seeded shapes
 * including 1x1 inputs and outputs, upscales, downscales, non-square and batches, in the three
 * flag settings, float32 and uint8. Bilinear within 1e-5 + 1e-6*|exp| (the golden tolerance);
 * nearest neighbour exactly.
 */
class ResizeOracleTest {
  private static final boolean[][] FLAGS = {{false, false}, {true, false}, {false, true}};

  static Stream<Arguments> cases() {
    SplittableRandom r = new SplittableRandom(55);
    List<Arguments> out = new ArrayList<>();
    int[][] fixed = {{1, 1, 1, 1}, {1, 1, 4, 3}, {5, 3, 1, 1}, {4, 4, 9, 2}, {9, 2, 4, 4},
        {2, 7, 7, 2}, {3, 5, 3, 5}};
    for (int[] f : fixed) {
      out.add(Arguments.of(f[0], f[1], f[2], f[3], 1 + r.nextInt(2), 1 + r.nextInt(3),
          r.nextLong()));
    }
    for (int i = 0; i < 8; i++) {
      out.add(Arguments.of(1 + r.nextInt(9), 1 + r.nextInt(9), 1 + r.nextInt(12),
          1 + r.nextInt(12), 1 + r.nextInt(2), 1 + r.nextInt(4), r.nextLong()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}, batch {4}, {5} channels")
  @MethodSource("cases")
  void matchesTensorFlow(int h, int w, int oh, int ow, int n, int c, long seed) {
    Tensor floats = Fixtures.randomFloats(Shape.of(n, h, w, c), seed);
    Tensor bytes = Fixtures.randomBytes(Shape.of(n, h, w, c), seed);
    Tensor size = Tensor.of(oh, ow);
    for (boolean[] f : FLAGS) {
      Map<String, Object> attrs = Map.of("align_corners", f[0], "half_pixel_centers", f[1]);
      String what = "align_corners=" + f[0] + " half_pixel_centers=" + f[1];
      for (Tensor in : List.of(floats, bytes)) {
        Tensor want = TfOracle.run("ResizeBilinear", List.of(in, size), attrs, 1).get(0);
        Golden.assertClose("bilinear " + in.dtype() + " " + what,
            Resize.bilinear(in, oh, ow, f[0], f[1]), want, 1e-5, 1e-6);
        Tensor nearest = TfOracle.run("ResizeNearestNeighbor", List.of(in, size), attrs, 1).get(0);
        assertThat(Resize.nearest(in, oh, ow, f[0], f[1]).contentEquals(nearest))
            .as("nearest " + in.dtype() + " " + what).isTrue();
      }
    }
  }

  @Test
  void singleImagesKeepTheirRankAndDefaultsAreTf2() {
    Tensor image = Fixtures.randomFloats(Shape.of(3, 4, 2), 1);
    Tensor batch = image.reshape(1, 3, 4, 2);
    assertThat(Resize.bilinear(image, 5, 6).shape()).isEqualTo(Shape.of(5, 6, 2));
    assertThat(Resize.bilinear(image, 5, 6).floatData())
        .containsExactly(Resize.bilinear(batch, 5, 6, false, true).floatData());
    assertThat(Resize.nearest(image, 2, 2).floatData())
        .containsExactly(Resize.nearest(batch, 2, 2, false, true).floatData());
  }

  @Test
  void rejectsBadArguments() {
    Tensor image = Fixtures.randomFloats(Shape.of(3, 4, 2), 1);
    assertThatThrownBy(() -> Resize.bilinear(image, 2, 2, true, true))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Resize.nearest(image, 0, 2))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Resize.bilinear(Tensor.of(1f, 2f), 2, 2))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
