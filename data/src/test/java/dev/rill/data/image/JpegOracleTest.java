package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JpegDecoder} against TF 2.18's DecodeJpeg with {@code dct_method="INTEGER_ACCURATE"}
 * (libjpeg-turbo JDCT_ISLOW, fancy upsampling) on seeded grey and colour JPEGs (ImageIO's 4:2:0),
 * baseline and progressive, odd sizes, channels 0, 1 and 3: exact equality.
 */
class JpegOracleTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[][] sizes = {{1, 1}, {9, 7}, {33, 18}};
    long seed = 100;
    for (boolean gray : new boolean[] {false, true}) {
      for (boolean progressive : new boolean[] {false, true}) {
        for (int[] s : sizes) {
          out.add(Arguments.of(gray, progressive, s[0], s[1], seed++));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "gray={0} progressive={1} {2}x{3}")
  @MethodSource("cases")
  void matchesIntegerAccurate(boolean gray, boolean progressive, int w, int h, long seed) {
    byte[] jpeg = Fixtures.jpeg(gray, w, h, seed, 0.85f, progressive);
    for (int channels : new int[] {0, 1, 3}) {
      Tensor want = TfOracle.run("DecodeJpeg", List.of(Fixtures.contents(jpeg)),
          Map.of("channels", channels, "dct_method", "INTEGER_ACCURATE"), 1).get(0);
      Tensor got = JpegDecoder.decode(jpeg, channels, "fixture");
      String what = (gray ? "grey" : "colour") + " channels=" + channels;
      assertThat(got.shape()).as(what).isEqualTo(want.shape());
      assertThat(got.uint8Data()).as(what).isEqualTo(want.uint8Data());
    }
  }

  @Test
  void fourChannelsIsRejectedAsInTensorFlow() {
    byte[] jpeg = Fixtures.jpeg(false, 8, 8, 1, 0.9f, false);
    assertThatThrownBy(() -> ImageCodecs.decodeImage(jpeg, 4, "x.jpg"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("4 channels");
    assertThat(ImageCodecs.decodeImage(Fixtures.png(Fixtures.Layout.RGB8, 3, 2, 1, false), 4,
        "x.png").shape().dims()).containsExactly(2, 3, 4);
  }
}
