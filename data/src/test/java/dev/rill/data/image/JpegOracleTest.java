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

  /**
   * An embedded ICC profile (here linear RGB) is ignored, as libjpeg ignores it; ImageIO's own
   * BufferedImage path would have applied it.
   */
  @Test
  void iccProfilesAreIgnoredAsInTensorFlow() throws Exception {
    byte[] plain = Fixtures.jpeg(false, 12, 10, 3, 0.9f, false);
    byte[] icc = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB)
        .getData();
    byte[] tag = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = new byte[tag.length + 2 + icc.length];
    System.arraycopy(tag, 0, body, 0, tag.length);
    body[tag.length] = 1;
    body[tag.length + 1] = 1;
    System.arraycopy(icc, 0, body, tag.length + 2, icc.length);
    byte[] jpeg = insertSegment(plain, 0xE2, body, false);
    assertSameAsTensorFlow(jpeg, "icc");
    Tensor ours = JpegDecoder.decode(jpeg, 3, "icc");
    java.awt.image.BufferedImage viaImageIo = javax.imageio.ImageIO.read(
        new java.io.ByteArrayInputStream(jpeg));
    int[] rgb = viaImageIo.getRaster().getPixels(0, 0, 12, 10, (int[]) null);
    assertThat(rgb).as("ImageIO's colour-managed pixels differ").isNotEqualTo(ours.toIntArray());
  }

  /** An Adobe marker with transform 0 says the three components are RGB, not YCbCr. */
  @Test
  void adobeRgbComponentsAreNotColourConverted() {
    byte[] plain = Fixtures.jpeg(false, 11, 6, 4, 0.9f, false);
    byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
    byte[] jpeg = insertSegment(plain, 0xEE, adobe, true);
    assertSameAsTensorFlow(jpeg, "adobe rgb");
  }

  @Test
  void aForgedHugeFrameIsRejectedBeforeDecoding() {
    byte[] jpeg = Fixtures.jpeg(false, 16, 16, 5, 0.9f, false);
    for (int i = 2; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC0) {
        jpeg[i + 5] = (byte) 0x4E;   // height 20000
        jpeg[i + 7] = (byte) 0x4E;   // width 20000
        break;
      }
    }
    assertThatThrownBy(() -> JpegDecoder.decode(jpeg, 0, "forged.jpg"))
        .isInstanceOf(ImageDecodeException.class).hasMessageContaining("forged.jpg")
        .hasMessageContaining("truncated");
  }

  private static void assertSameAsTensorFlow(byte[] jpeg, String what) {
    for (int channels : new int[] {0, 1, 3}) {
      Tensor want = TfOracle.run("DecodeJpeg", List.of(Fixtures.contents(jpeg)),
          Map.of("channels", channels, "dct_method", "INTEGER_ACCURATE"), 1).get(0);
      Tensor got = JpegDecoder.decode(jpeg, channels, what);
      assertThat(got.shape()).as(what + " channels=" + channels).isEqualTo(want.shape());
      assertThat(got.uint8Data()).as(what + " channels=" + channels).isEqualTo(want.uint8Data());
    }
  }

  /** Inserts a marker segment after SOI, optionally dropping a JFIF APP0 that follows it. */
  private static byte[] insertSegment(byte[] jpeg, int marker, byte[] body, boolean dropJfif) {
    int rest = 2;
    if (dropJfif && (jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
      rest = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(marker);
    out.write((body.length + 2) >> 8);
    out.write(body.length + 2);
    out.write(body, 0, body.length);
    out.write(jpeg, rest, jpeg.length - rest);
    return out.toByteArray();
  }
}
