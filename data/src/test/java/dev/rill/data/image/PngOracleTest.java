package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
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

  /** tRNS on grey and RGB images (ImageIO never writes one, so it is spliced in after IHDR). */
  static Stream<Arguments> transparencyCases() {
    return Stream.of(
        Arguments.of(Fixtures.Layout.GRAY8, new int[] {0, 77}),
        Arguments.of(Fixtures.Layout.GRAY16, new int[] {0x12, 0x34}),
        Arguments.of(Fixtures.Layout.GRAY1, new int[] {0, 1}),
        Arguments.of(Fixtures.Layout.GRAY4, new int[] {0, 9}),
        Arguments.of(Fixtures.Layout.RGB8, new int[] {0, 10, 0, 20, 0, 30}),
        Arguments.of(Fixtures.Layout.RGB16, new int[] {1, 2, 3, 4, 5, 6}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transparencyCases")
  void transparencyChunkMatchesTensorFlow(Fixtures.Layout layout, int[] trns) {
    byte[] png = Fixtures.png(layout, 9, 6, 21, false);
    // Make some pixels equal the transparent colour by choosing it from the image itself.
    Tensor first = PngDecoder.decode16(png, 0, "x");
    if (layout == Fixtures.Layout.GRAY8 || layout == Fixtures.Layout.RGB8) {
      for (int i = 0; i < trns.length / 2; i++) {
        trns[2 * i + 1] = first.intData()[i] >> 8;
      }
    }
    byte[] withTrns = insertAfterIhdr(png, "tRNS", trns);
    for (int channels : new int[] {0, 1, 3, 4}) {
      Tensor want = TfOracle.run("DecodePng", List.of(Fixtures.contents(withTrns)),
          Map.of("channels", channels, "dtype", DType.UINT8), 1).get(0);
      Tensor got = PngDecoder.decode(withTrns, channels, layout.toString());
      assertThat(got.shape()).as(layout + " channels=" + channels).isEqualTo(want.shape());
      assertThat(got.uint8Data()).as(layout + " channels=" + channels)
          .isEqualTo(want.uint8Data());
    }
  }

  @Test
  void sixteenBitOutputKeepsAllBitsAndWidensEightBitFiles() {
    byte[] wide = Fixtures.png(Fixtures.Layout.RGBA16, 5, 3, 8, false);
    Tensor w16 = PngDecoder.decode16(wide, 0, "wide");
    Tensor w8 = PngDecoder.decode(wide, 0, "wide");
    assertThat(w16.dtype()).isEqualTo(DType.INT32);
    assertThat(w16.shape()).isEqualTo(Shape.of(3, 5, 4));
    for (int i = 0; i < w16.size(); i++) {
      assertThat(w16.intData()[i] >> 8).isEqualTo(w8.uint8Data()[i] & 0xff);
    }
    byte[] narrow = Fixtures.png(Fixtures.Layout.RGB8, 4, 4, 9, false);
    Tensor n16 = PngDecoder.decode16(narrow, 0, "narrow");
    Tensor n8 = PngDecoder.decode(narrow, 0, "narrow");
    for (int i = 0; i < n16.size(); i++) {
      assertThat(n16.intData()[i]).isEqualTo((n8.uint8Data()[i] & 0xff) * 257);
    }
  }

  private static byte[] insertAfterIhdr(byte[] png, String type, int[] data) {
    int at = 8 + 8 + 13 + 4;   // signature, IHDR header, body and CRC
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(png, 0, at);
    byte[] body = new byte[4 + data.length];
    for (int i = 0; i < 4; i++) {
      body[i] = (byte) type.charAt(i);
    }
    for (int i = 0; i < data.length; i++) {
      body[4 + i] = (byte) data[i];
    }
    CRC32 crc = new CRC32();
    crc.update(body);
    writeInt(out, data.length);
    out.write(body, 0, body.length);
    writeInt(out, (int) crc.getValue());
    out.write(png, at, png.length - at);
    return out.toByteArray();
  }

  private static void writeInt(java.io.ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
