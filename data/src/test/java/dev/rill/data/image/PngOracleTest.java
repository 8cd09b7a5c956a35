package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PngDecoder} against TF 2.18's own DecodePng (through TF Java) on seeded random images in
 * every PNG layout ImageIO writes (grey 1/4/8/16-bit, grey+alpha, RGB(A) 8/16-bit, palettes with
 * and without tRNS), plain and Adam7-interlaced, for every channels value: exact equality.
 */
class PngOracleTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[][] sizes = {{1, 1}, {7, 5}, {13, 17}};
    long seed = 1;
    for (Fixtures.Layout layout : Fixtures.Layout.values()) {
      for (int[] s : sizes) {
        for (boolean interlaced : new boolean[] {false, true}) {
          out.add(Arguments.of(layout, s[0], s[1], interlaced, seed++));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}x{2} interlaced={3}")
  @MethodSource("cases")
  void everyChannelsValueMatchesTensorFlow(Fixtures.Layout layout, int w, int h,
      boolean interlaced, long seed) {
    byte[] png = Fixtures.png(layout, w, h, seed, interlaced);
    for (int channels : new int[] {0, 1, 3, 4}) {
      Tensor want = TfOracle.run("DecodePng", List.of(Fixtures.contents(png)),
          Map.of("channels", channels, "dtype", DType.UINT8), 1).get(0);
      Tensor got = PngDecoder.decode(png, channels, layout.toString());
      assertThat(got.shape()).as(layout + " channels=" + channels).isEqualTo(want.shape());
      assertThat(got.uint8Data()).as(layout + " channels=" + channels)
          .isEqualTo(want.uint8Data());
    }
  }
}
