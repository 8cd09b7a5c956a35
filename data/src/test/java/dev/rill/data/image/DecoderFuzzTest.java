package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rill.core.Tensor;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged input for the decoders: 2,000 mutated PNGs, 2,000 mutated JPEGs and 1,000 random byte
 * strings (5,000 cases). Each ends in an {@link ImageDecodeException} naming its source, or decodes
 * to a well-formed tensor; never another exception, never a hang. Every truncated file is
 * rejected, and every bit flip in a PNG is caught (chunk CRCs) unless it hit an ancillary chunk,
 * which is then dropped as libpng drops it. (A one-off run of 100,000 cases also passed.)
 */
class DecoderFuzzTest {
  private static final int PNG_CASES = 2000;
  private static final int JPEG_CASES = 2000;
  private static final int RANDOM_CASES = 1000;

  private static List<byte[]> pngSeeds() {
    return List.of(
        ImageCodecGoldenTest.resource("ops/rgb_16x12.png"),
        ImageCodecGoldenTest.resource("ops/gray_8x8.png"),
        ImageCodecGoldenTest.resource("ops/rgba_6x5.png"),
        Fixtures.png(Fixtures.Layout.PALETTE8_ALPHA, 9, 7, 3, true),
        Fixtures.png(Fixtures.Layout.RGBA16, 5, 4, 4, false),
        Fixtures.png(Fixtures.Layout.GRAY1, 11, 3, 5, true));
  }

  private static List<byte[]> jpegSeeds() {
    return List.of(
        ImageCodecGoldenTest.resource("ops/rgb_16x12_q90_420.jpg"),
        ImageCodecGoldenTest.resource("ops/rgb_16x12_q95_444.jpg"),
        ImageCodecGoldenTest.resource("ops/gray_8x8_q90.jpg"),
        Fixtures.jpeg(false, 17, 9, 6, 0.8f, true));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void damagedPngsEndInTheTypedException() {
    run(pngSeeds(), PNG_CASES, 7, true);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void damagedJpegsEndInTheTypedException() {
    run(jpegSeeds(), JPEG_CASES, 8, false);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomBytesEndInTheTypedException() {
    SplittableRandom rng = new SplittableRandom(9);
    byte[][] prefixes = {
        {}, {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
        Arrays.copyOf(ImageCodecGoldenTest.resource("ops/gray_8x8.png"), 8),
        Arrays.copyOf(ImageCodecGoldenTest.resource("ops/gray_8x8.png"), 33),
        Arrays.copyOf(ImageCodecGoldenTest.resource("ops/gray_8x8_q90.jpg"), 200)};
    int rejected = 0;
    for (int c = 0; c < RANDOM_CASES; c++) {
      byte[] prefix = prefixes[rng.nextInt(prefixes.length)];
      byte[] input = Arrays.copyOf(prefix, prefix.length + rng.nextInt(300));
      for (int i = prefix.length; i < input.length; i++) {
        input[i] = (byte) rng.nextInt(256);
      }
      if (decode(input, c, new int[] {0, 1, 3}[rng.nextInt(3)]) == null) {
        rejected++;
      }
    }
    assertThat(rejected).isEqualTo(RANDOM_CASES);
  }

  private static void run(List<byte[]> seeds, int cases, long seed, boolean png) {
    SplittableRandom rng = new SplittableRandom(seed);
    int rejected = 0;
    int decoded = 0;
    for (int c = 0; c < cases; c++) {
      byte[] original = seeds.get(rng.nextInt(seeds.size()));
      int kind = rng.nextInt(3);
      byte[] input = switch (kind) {
        case 0 -> Arrays.copyOf(original, rng.nextInt(original.length));     // truncated
        case 1 -> flipBits(original, 1 + rng.nextInt(4), rng);               // bit flips
        default -> overwrite(original, rng);                                 // random bytes
      };
      int channels = new int[] {0, 1, 3, png ? 4 : 3}[rng.nextInt(4)];
      Tensor t = decode(input, c, channels);
      if (t == null) {
        rejected++;
        continue;
      }
      decoded++;
      if (kind == 0) {
        fail("case " + c + ": a truncated file (" + input.length + " of " + original.length
            + " bytes) decoded");
      }
      if (png && kind == 1) {
        // A flip inside an ancillary chunk (here tRNS) drops that chunk, as libpng does.
        boolean same = t.contentEquals(ImageCodecs.decodeImage(original, channels, "original"))
            || t.contentEquals(ImageCodecs.decodeImage(withoutAncillaryChunks(original),
                channels, "stripped"));
        assertThat(same).as("case %d: a bit flip the CRCs missed changed the pixels", c).isTrue();
      }
    }
    assertThat(rejected + decoded).isEqualTo(cases);
    assertThat(rejected).isGreaterThan(cases / 2);
    if (!png) {
      assertThat(decoded).as("JPEG damage that reaches the entropy decoder").isPositive();
    }
  }

  /** The decoded tensor, or null when the decoder rejected the input with the typed exception. */
  private static Tensor decode(byte[] input, int c, int channels) {
    String source = "case-" + c;
    try {
      Tensor t = ImageCodecs.decodeImage(input, channels, source);
      int[] d = t.shape().dims();
      assertThat(d).hasSize(3);
      assertThat(d[0]).isPositive();
      assertThat(d[1]).isPositive();
      assertThat(d[2]).isIn(1, 2, 3, 4);
      return t;
    } catch (ImageDecodeException e) {
      assertThat(e.source()).isEqualTo(source);
      assertThat(e.getMessage()).startsWith(source + ": ");
      return null;
    } catch (RuntimeException e) {
      fail(source + " (" + input.length + " bytes " + HexFormat.of().formatHex(input, 0,
          Math.min(64, input.length)) + "...) threw " + e, e);
      return null;
    }
  }

  private static byte[] withoutAncillaryChunks(byte[] png) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(png, 0, 8);
    int pos = 8;
    while (pos + 12 <= png.length) {
      int length = java.nio.ByteBuffer.wrap(png, pos, 4).getInt();
      boolean ancillary = Character.isLowerCase((char) png[pos + 4]);
      if (!ancillary) {
        out.write(png, pos, length + 12);
      }
      pos += length + 12;
    }
    return out.toByteArray();
  }

  private static byte[] flipBits(byte[] b, int flips, SplittableRandom rng) {
    byte[] out = b.clone();
    for (int i = 0; i < flips; i++) {
      int bit = rng.nextInt(out.length * 8);
      out[bit >> 3] ^= (byte) (1 << (bit & 7));
    }
    return out;
  }

  private static byte[] overwrite(byte[] b, SplittableRandom rng) {
    byte[] out = b.clone();
    int at = rng.nextInt(out.length);
    int n = 1 + rng.nextInt(Math.min(16, out.length - at));
    for (int i = 0; i < n; i++) {
      out[at + i] = (byte) rng.nextInt(256);
    }
    return out;
  }
}
