package dev.rill.io.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngEncoderTest {
  record Chunk(String type, byte[] data) {}

  /** The chunks of a PNG, checking the signature and every chunk's CRC-32. */
  static List<Chunk> chunks(byte[] png) {
    ByteBuffer b = ByteBuffer.wrap(png);
    byte[] sig = new byte[8];
    b.get(sig);
    assertThat(sig).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
    List<Chunk> out = new ArrayList<>();
    while (b.hasRemaining()) {
      int length = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      byte[] data = new byte[length];
      b.get(data);
      CRC32 crc = new CRC32();
      crc.update(type);
      crc.update(data);
      assertThat(b.getInt()).isEqualTo((int) crc.getValue());
      out.add(new Chunk(new String(type, StandardCharsets.US_ASCII), data));
    }
    return out;
  }

  static int[] decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
  }

  static int[] unsigned(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xff;
    }
    return out;
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /** Smooth ramps, where the Sub, Up, Average and Paeth filters win over None. */
  static byte[] smooth(int w, int h, int c) {
    byte[] b = new byte[w * h * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < c; k++) {
          b[(y * w + x) * c + k] = (byte) (x * (k + 1) + y * 3 + (x * y) / 7);
        }
      }
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void decodesToThePixelsGiven(int channels) throws IOException {
    int[][] sizes = {{1, 1}, {7, 3}, {33, 17}, {1, 40}, {64, 1}};
    for (int[] wh : sizes) {
      for (byte[] pixels : List.of(random(wh[0] * wh[1] * channels, wh[0] + 31L * channels),
          smooth(wh[0], wh[1], channels))) {
        byte[] png = PngEncoder.encode(pixels, wh[0], wh[1], channels);
        assertThat(decode(png)).as("%dx%dx%d", wh[0], wh[1], channels)
            .containsExactly(unsigned(pixels));
      }
    }
  }

  @Test
  void headerAndChunksFollowTheSpecification() {
    byte[] png = PngEncoder.encode(smooth(5, 4, 3), 5, 4, 3);
    List<Chunk> chunks = chunks(png);
    assertThat(chunks).extracting(Chunk::type).containsExactly("IHDR", "IDAT", "IEND");
    ByteBuffer ihdr = ByteBuffer.wrap(chunks.get(0).data());
    assertThat(ihdr.getInt()).isEqualTo(5);
    assertThat(ihdr.getInt()).isEqualTo(4);
    assertThat(new byte[] {ihdr.get(), ihdr.get(), ihdr.get(), ihdr.get(), ihdr.get()})
        .containsExactly(8, 2, 0, 0, 0);
    assertThat(chunks.get(2).data()).isEmpty();
  }

  @Test
  void colourTypesFollowTheChannelCount() {
    int[] expected = {0, 4, 2, 6};
    for (int c = 1; c <= 4; c++) {
      byte[] ihdr = chunks(PngEncoder.encode(new byte[c], 1, 1, c)).get(0).data();
      assertThat(ihdr[9]).isEqualTo((byte) expected[c - 1]);
    }
  }

  @Test
  void smoothImagesUseEveryFilterAndCompress() throws DataFormatException {
    byte[] pixels = smooth(64, 64, 3);
    byte[] png = PngEncoder.encode(pixels, 64, 64, 3);
    assertThat(png.length).isLessThan(pixels.length / 4);
    byte[] idat = chunks(png).get(1).data();
    Inflater inflater = new Inflater();
    inflater.setInput(idat);
    byte[] raw = new byte[(64 * 3 + 1) * 64];
    assertThat(inflater.inflate(raw)).isEqualTo(raw.length);
    assertThat(inflater.finished()).isTrue();
    inflater.end();
    boolean[] used = new boolean[5];
    for (int y = 0; y < 64; y++) {
      used[raw[y * (64 * 3 + 1)]] = true;
    }
    // The first row has nothing above it; later rows of a ramp predict well from above.
    assertThat(used[2] || used[3] || used[4]).as("a filter that looks up is used").isTrue();
  }

  @Test
  void everyCompressionLevelDecodesTheSame() throws IOException {
    byte[] pixels = smooth(20, 10, 4);
    for (int level = -1; level <= 9; level++) {
      assertThat(decode(PngEncoder.encode(pixels, 20, 10, 4, level)))
          .containsExactly(unsigned(pixels));
    }
  }

  @Test
  void encodesUint8Tensors() throws IOException {
    byte[] pixels = random(6 * 3 * 2, 5);
    Tensor t = Tensor.ofUint8(Shape.of(3, 6, 2), pixels);
    assertThat(decode(PngEncoder.encode(t))).containsExactly(unsigned(pixels));
  }

  @Test
  void rejectsWhatPngCannotHold() {
    assertThatThrownBy(() -> PngEncoder.encode(new byte[5], 1, 1, 5))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("channels");
    assertThatThrownBy(() -> PngEncoder.encode(new byte[0], 0, 1, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("width");
    assertThatThrownBy(() -> PngEncoder.encode(new byte[3], 2, 2, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expected 4 bytes");
    assertThatThrownBy(() -> PngEncoder.encode(new byte[1], 1, 1, 1, 10))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("level");
    assertThatThrownBy(() -> PngEncoder.encode(Tensor.of(Shape.of(1, 1, 1), 1f)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("uint8");
  }
}
