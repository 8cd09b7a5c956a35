package dev.rill.io.media;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 8-bit images as PNG: 1 channel is grey, 2 grey and alpha, 3 RGB, 4 RGBA. Pixels are
 * row-major, channels interleaved ({@code [height, width, channels]}), as TensorFlow lays images
 * out.
 *
 * <p>Each row gets the PNG filter whose output has the smallest sum of absolute (signed byte)
 * values, the usual heuristic; the filtered rows go into one zlib stream in one IDAT chunk.
 *
 * {@snippet :
 * byte[] rgb = new byte[4 * 5 * 3];               // height 4, width 5
 * byte[] png = PngEncoder.encode(rgb, 5, 4, 3);
 * Files.write(Path.of("image.png"), png);
 * }
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** PNG colour types by channel count (index 1..4). */
  private static final int[] COLOR_TYPE = {-1, 0, 4, 2, 6};

  private PngEncoder() {}

  /** Encodes at zlib's default compression level, as TensorFlow's EncodePng does. */
  public static byte[] encode(byte[] pixels, int width, int height, int channels) {
    return encode(pixels, width, height, channels, Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * Encodes {@code pixels} ({@code height * width * channels} bytes) with the given zlib level
   * (0-9, or -1 for the default).
   */
  public static byte[] encode(byte[] pixels, int width, int height, int channels, int level) {
    check(pixels.length, width, height, channels);
    if (level < -1 || level > 9) {
      throw InvalidArgumentException.of("PngEncoder", "compression level must be -1..9, got "
          + level);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.length / 2 + 64);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8;                               // bit depth
    ihdr[9] = (byte) COLOR_TYPE[channels];
    // compression 0 (deflate), filter method 0 (adaptive), interlace 0 (none)
    chunk(out, "IHDR", ihdr, ihdr.length);
    byte[] idat = deflate(filterRows(pixels, width, height, channels), level);
    chunk(out, "IDAT", idat, idat.length);
    chunk(out, "IEND", new byte[0], 0);
    return out.toByteArray();
  }

  /** Encodes a uint8 tensor {@code [height, width, channels]}. */
  public static byte[] encode(Tensor image) {
    if (image.dtype() != DType.UINT8 || image.rank() != 3) {
      throw InvalidArgumentException.of("PngEncoder", "expected a uint8 [height, width, channels] "
          + "tensor, got " + image.dtype() + image.shape());
    }
    return encode(image.uint8Data(), image.shape().dim(1), image.shape().dim(0),
        image.shape().dim(2));
  }

  private static void check(int length, int width, int height, int channels) {
    if (channels < 1 || channels > 4) {
      throw InvalidArgumentException.of("PngEncoder", "channels must be 1 to 4, got " + channels);
    }
    if (width <= 0 || height <= 0) {
      throw InvalidArgumentException.of("PngEncoder", "PNG images need width and height >= 1, got "
          + width + "x" + height);
    }
    long rowBytes = (long) width * channels + 1;
    if (rowBytes * height > Integer.MAX_VALUE - 16) {
      throw InvalidArgumentException.of("PngEncoder", "image of " + width + "x" + height + "x"
          + channels + " is too large");
    }
    if ((long) width * height * channels != length) {
      throw InvalidArgumentException.of("PngEncoder", "expected " + (long) width * height * channels
          + " bytes for " + width + "x" + height + "x" + channels + ", got " + length);
    }
  }

  /** Each row as its filter type byte followed by the filtered bytes. */
  private static byte[] filterRows(byte[] pixels, int width, int height, int bpp) {
    int stride = width * bpp;
    byte[] out = new byte[(stride + 1) * height];
    byte[] candidate = new byte[stride];
    byte[] best = new byte[stride];
    for (int y = 0; y < height; y++) {
      int row = y * stride;
      int prev = row - stride;                 // negative on the first row: "above" is zero
      long bestScore = Long.MAX_VALUE;
      int bestType = 0;
      for (int type = 0; type <= 4; type++) {
        long score = 0;
        for (int i = 0; i < stride; i++) {
          int x = pixels[row + i] & 0xff;
          int a = i >= bpp ? pixels[row + i - bpp] & 0xff : 0;
          int b = y > 0 ? pixels[prev + i] & 0xff : 0;
          int c = i >= bpp && y > 0 ? pixels[prev + i - bpp] & 0xff : 0;
          int f = switch (type) {
            case 0 -> x;
            case 1 -> x - a;
            case 2 -> x - b;
            case 3 -> x - ((a + b) >>> 1);
            default -> x - paeth(a, b, c);
          };
          candidate[i] = (byte) f;
          score += Math.abs((byte) f);
        }
        if (score < bestScore) {
          bestScore = score;
          bestType = type;
          byte[] t = best;
          best = candidate;
          candidate = t;
        }
      }
      int o = y * (stride + 1);
      out[o] = (byte) bestType;
      System.arraycopy(best, 0, out, o + 1, stride);
    }
    return out;
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }

  private static byte[] deflate(byte[] data, int level) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[1 << 14];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** length, type, data, CRC-32 of type and data (big-endian throughout, as PNG is). */
  private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
    byte[] header = new byte[8];
    putInt(header, 0, length);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(typeBytes, 0, header, 4, 4);
    out.writeBytes(header);
    out.write(data, 0, length);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data, 0, length);
    byte[] trailer = new byte[4];
    putInt(trailer, 0, (int) crc.getValue());
    out.writeBytes(trailer);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
