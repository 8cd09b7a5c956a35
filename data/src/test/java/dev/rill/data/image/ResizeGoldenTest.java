package dev.rill.data.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Resize#bilinear} against resize_bilinear.json within its 1e-5 + 1e-6*|exp|. */
class ResizeGoldenTest {
  static Stream<JsonNode> cases() {
    return Golden.cases("ops/resize_bilinear.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTensorFlow(JsonNode c) {
    Tensor images = Golden.tensor(c.get("inputs").get("images"));
    int[] size = Golden.tensor(c.get("inputs").get("size")).intData();
    boolean align = c.get("attrs").get("align_corners").asBoolean();
    boolean half = c.get("attrs").get("half_pixel_centers").asBoolean();
    Tensor got = Resize.bilinear(images, size[0], size[1], align, half);
    Golden.assertClose(c.get("name").asText(), got,
        Golden.tensor(c.get("outputs").get("resized_images")), 1e-5, 1e-6);
  }
}
