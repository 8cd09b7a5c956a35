package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.image.ResizeBilinearDefs;
import dev.rill.core.testing.Golden;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ResizeBilinear against TensorFlow (resize_bilinear.json, 1e-5 + 1e-6 * |exp|), its gradient
 * (gradients.json, 1e-5 + 1e-5 * |exp|), finite differences in float64 and errors.
 */
class ResizeBilinearTest {
  static Stream<JsonNode> forwardCases() {
    return Golden.cases("ops/resize_bilinear.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forwardCases")
  void forwardMatchesTensorFlow(JsonNode c) {
    JsonNode a = c.get("attrs");
    Tensor images = Golden.tensor(c.get("inputs").get("images"));
    int[] size = ConvGoldenTest.ints(c.get("inputs").get("size").get("data"));
    Tensor y = ImageOps.resizeBilinear(images, size[0], size[1],
        a.get("align_corners").asBoolean(), a.get("half_pixel_centers").asBoolean());
    Golden.assertClose(c.get("name").asText(), y,
        Golden.tensor(c.get("outputs").get("resized_images")), 1e-5, 1e-6);
  }

  static Stream<JsonNode> gradientCases() {
    return Golden.cases("ops/gradients.json").stream()
        .filter(c -> c.get("name").asText().startsWith("grad_resize_bilinear"));
  }

  private static final Pattern OP = Pattern.compile(
      "size=\\[(\\d+), ?(\\d+)], align_corners=(\\w+), half_pixel_centers=(\\w+)");

  @ParameterizedTest(name = "{0}")
  @MethodSource("gradientCases")
  void gradientMatchesTensorFlow(JsonNode c) {
    String name = c.get("name").asText();
    // these cases carry their attributes only in the op description
    Matcher m = OP.matcher(c.get("op").asText());
    assertThat(m.find()).as("attributes in %s", c.get("op").asText()).isTrue();
    int h = Integer.parseInt(m.group(1));
    int w = Integer.parseInt(m.group(2));
    boolean ac = Boolean.parseBoolean(m.group(3));
    boolean hpc = Boolean.parseBoolean(m.group(4));
    JsonNode in = c.get("inputs");
    JsonNode out = c.get("outputs");
    List<Tensor> g = ConvGoldenTest.vjp(v -> ImageOps.resizeBilinear(v.get(0), h, w, ac, hpc),
        List.of(Golden.tensor(in.get("images"))), Golden.tensor(in.get("dy")), out.get("y"), name);
    Golden.assertClose(name + " d_images", g.get(0), Golden.tensor(out.get("d_images")), 1e-5,
        1e-5);
  }

  @ParameterizedTest(name = "{0}x{1} -> {2}x{3} align_corners={4} half_pixel={5}")
  @CsvSource({
      "3, 4, 5, 7, false, false", "3, 4, 5, 7, true, false", "3, 4, 5, 7, false, true",
      "5, 6, 2, 3, false, false", "5, 6, 2, 3, true, false", "5, 6, 2, 3, false, true",
      "4, 4, 1, 1, true, false", "1, 1, 3, 2, false, true", "1, 3, 1, 5, true, false"})
  void gradient(int inH, int inW, int outH, int outW, boolean ac, boolean hpc) {
    check(in -> ImageOps.resizeBilinear(in.get(0), outH, outW, ac, hpc),
        random(12, 2, inH, inW, 2));
    // ResizeBilinearGrad is linear in its gradient input: its own rule is ResizeBilinear
    Tensor original = random(13, 2, inH, inW, 2);
    check(in -> Exec.run1(ResizeBilinearDefs.RESIZE_BILINEAR_GRAD,
        new ResizeBilinearDefs.GradAttrs(ac, hpc), in.get(0), original),
        random(14, 2, outH, outW, 2));
  }

  @Test
  void singleImagesAndDtypes() {
    Tensor img = Tensor.ofUint8(Shape.of(2, 2, 1), (byte) 0, (byte) 100, (byte) 200, (byte) 255);
    Tensor y = ImageOps.resizeBilinear(img, 3, 3, true, false);
    assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(y.shape()).isEqualTo(Shape.of(3, 3, 1));
    // align_corners keeps the corners and puts the centre at the mean of the four
    assertThat(y.toFloatArray()).containsExactly(0f, 50f, 100f, 100f, 138.75f, 177.5f, 200f,
        227.5f, 255f);
    assertThat(ImageOps.resizeBilinear(random(1, 1, 2, 2, 1), 4, 4).dtype())
        .isEqualTo(DType.FLOAT64);
  }

  @Test
  void errors() {
    Tensor x = ArrayOps.zeros(Shape.of(1, 4, 4, 1), DType.FLOAT32);
    assertThatThrownBy(() -> ImageOps.resizeBilinear(x, 2, 2, true, true))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("ResizeBilinear: ").hasMessageContaining("half_pixel_centers");
    assertThatThrownBy(() -> ImageOps.resizeBilinear(x, 0, 2))
        .hasMessageStartingWith("ResizeBilinear: ").hasMessageContaining("[0, 2]");
    assertThatThrownBy(() -> ImageOps.resizeBilinear(x.reshape(16), 2, 2))
        .hasMessageStartingWith("ResizeBilinear: ").hasMessageContaining("[16]");
    assertThatThrownBy(() -> ImageOps.resizeBilinear(ArrayOps.zeros(Shape.of(1, 0, 4, 1),
        DType.FLOAT32), 2, 2))
        .hasMessageStartingWith("ResizeBilinear: ").hasMessageContaining("[1, 0, 4, 1]");
    assertThatThrownBy(() -> ImageOps.resizeBilinear(ArrayOps.zeros(Shape.of(1, 2, 2, 1),
        DType.BOOL), 2, 2))
        .hasMessageStartingWith("ResizeBilinear: ").hasMessageContaining("bool");
  }
}
