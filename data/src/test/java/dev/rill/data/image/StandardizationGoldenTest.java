package dev.rill.data.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImageOps#perImageStandardization} against per_image_standardization.json within its
 * 1e-5 + 1e-5*|exp| (random, uniform with stddev 0, uint8, and a batch).
 */
class StandardizationGoldenTest {
  static Stream<JsonNode> cases() {
    return Golden.cases("ops/per_image_standardization.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTensorFlow(JsonNode c) {
    Tensor image = Golden.tensor(c.get("inputs").get("image"));
    Golden.assertClose(c.get("name").asText(), ImageOps.perImageStandardization(image),
        Golden.tensor(c.get("outputs").get("output")), 1e-5, 1e-5);
  }
}
