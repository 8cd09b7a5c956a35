package dev.rill.data.image;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes PNG files into {@code [height, width, channels]} tensors with TensorFlow's
 * {@code DecodePng} semantics (TF runs libpng; this is an independent decoder in Java).
 *
 * <p>{@code channels} is 0 (as stored: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA; palette images give 3,
 * or 4 when they carry a {@code tRNS} chunk), 1, 3 or 4; TF rejects an explicit 2. Conversions
 * follow TF:
 * <ul>
 *   <li>colour to grey: libpng's Rec. 601 weights in 15-bit fixed point (9797, 19234, 9737);
 *       8-bit samples truncate, 16-bit ones round;</li>
 *   <li>grey to colour replicates the grey value;</li>
 *   <li>an alpha channel that is asked for but not stored comes from {@code tRNS}, else is the
 *       filler TF gives libpng: 2^depth - 1 at the file's bit depth (so 1, 3 or 15 for 1, 2 and
 *       4-bit files, a TF quirk kept for equality, and 255 otherwise);</li>
 *   <li>an alpha channel that is stored but not asked for is dropped (no compositing);</li>
 *   <li>1, 2 and 4-bit grey is scaled to 8 bits (x255/(2^depth-1)); 16-bit samples give uint8
 *       output by keeping the high byte, as TF's {@code dtype=uint8} does.</li>
 * </ul>
 *
 * <p>Every chunk CRC and the zlib checksum are verified; any damage ends in an
 * {@link ImageDecodeException}. Images above {@link #MAX_DIMENSION} per side or
 * {@link #MAX_PIXELS} pixels are rejected before any large allocation.
 */
public final class PngDecoder {
  /** Largest width or height accepted (libpng's default user limit). */
  public static final int MAX_DIMENSION = 1_000_000;
  /** Largest width x height accepted (TF's DecodePng limit is below 2^29). */
  public static final long MAX_PIXELS = (1L << 29) - 1;

  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  // libpng's rgb_to_gray coefficients for (0.299, 0.587): floor(c * 100000 * 32768 / 100000).
  private static final int RED_COEFF = 9797;
  private static final int GREEN_COEFF = 19234;
  private static final int BLUE_COEFF = 32768 - RED_COEFF - GREEN_COEFF;

  private PngDecoder() {}

  /** True if {@code bytes} start with the PNG signature. */
  public static boolean isPng(byte[] bytes) {
    if (bytes.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes to a uint8 {@code [h, w, c]} tensor; {@code source} names the bytes in errors. */
  public static Tensor decode(byte[] png, int channels, String source) {
    checkChannels(channels);
    PngImage image = PngImage.read(png, source);
    int c = outputChannels(image, channels);
    int[] v = convert(image, c);
    byte[] out = new byte[v.length];
    boolean wide = image.bitDepth == 16;
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) (wide ? v[i] >>> 8 : v[i]);
    }
    return Tensor.wrap(DType.UINT8, Shape.of(image.height, image.width, c), out);
  }

  /**
   * Decodes to 16-bit samples, as TF's {@code dtype=uint16}, held in an int32 {@code [h, w, c]}
   * tensor (core has no uint16). Images of 8 bits or fewer are widened by {@code v * 257}.
   */
  public static Tensor decode16(byte[] png, int channels, String source) {
    checkChannels(channels);
    PngImage image = PngImage.read(png, source);
    int c = outputChannels(image, channels);
    int[] v = convert(image, c);
    if (image.bitDepth != 16) {
      for (int i = 0; i < v.length; i++) {
        v[i] *= 257;
      }
    }
    return Tensor.wrap(DType.INT32, Shape.of(image.height, image.width, c), v);
  }

  private static void checkChannels(int channels) {
    if (channels != 0 && channels != 1 && channels != 3 && channels != 4) {
      throw InvalidArgumentException.of("DecodePng", "channels must be 0, 1, 3 or 4, got "
          + channels);
    }
  }

  private static int outputChannels(PngImage image, int channels) {
    if (channels != 0) {
      return channels;
    }
    return switch (image.colorType) {
      case PngImage.PALETTE -> image.hasTrns ? 4 : 3;
      default -> image.samplesPerPixel;
    };
  }

  /** Applies TF's libpng transform set; samples stay at 8 bits, or 16 for 16-bit images. */
  private static int[] convert(PngImage im, int c) {
    int n = im.width * im.height;
    int[] out = new int[Math.multiplyExact(n, c)];
    // TF asks libpng for the filler (2^depth - 1) at the file's bit depth, so an added alpha
    // channel is 1, 3 or 15, not 255, for 1, 2 and 4-bit files without tRNS (TF 2.18 does this).
    int filler = im.bitDepth == 16 ? 65535 : (1 << im.bitDepth) - 1;
    boolean storedAlpha = im.colorType == PngImage.GRAY_ALPHA || im.colorType == PngImage.RGB_ALPHA
        || im.hasTrns;
    boolean wantAlpha = (c & 1) == 0;
    boolean wantGray = c < 3;
    int[] s = im.samples;
    int spp = im.samplesPerPixel;
    for (int p = 0; p < n; p++) {
      int r;
      int g;
      int b;
      int a = storedAlpha ? (im.bitDepth == 16 ? 65535 : 255) : filler;
      int base = p * spp;
      switch (im.colorType) {
        case PngImage.PALETTE -> {
          int idx = s[base];
          r = im.palette[3 * idx];
          g = im.palette[3 * idx + 1];
          b = im.palette[3 * idx + 2];
          if (im.hasTrns) {
            a = im.paletteAlpha[idx];
          }
        }
        case PngImage.GRAY, PngImage.GRAY_ALPHA -> {
          int raw = s[base];
          r = g = b = im.bitDepth < 8 ? raw * 255 / ((1 << im.bitDepth) - 1) : raw;
          if (im.colorType == PngImage.GRAY_ALPHA) {
            a = s[base + 1];
          } else if (im.hasTrns && raw == im.trnsGray) {
            a = 0;
          }
        }
        default -> {
          r = s[base];
          g = s[base + 1];
          b = s[base + 2];
          if (im.colorType == PngImage.RGB_ALPHA) {
            a = s[base + 3];
          } else if (im.hasTrns && r == im.trnsRgb[0] && g == im.trnsRgb[1] && b == im.trnsRgb[2]) {
            a = 0;
          }
        }
      }
      int o = p * c;
      if (wantGray) {
        out[o] = im.isColor() ? toGray(r, g, b, im.bitDepth == 16) : r;
      } else {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
      }
      if (wantAlpha) {
        out[o + c - 1] = a;
      }
    }
    return out;
  }

  private static int toGray(int r, int g, int b, boolean wide) {
    if (wide) {
      return (RED_COEFF * r + GREEN_COEFF * g + BLUE_COEFF * b + 16384) >> 15;
    }
    if (r == g && r == b) {
      return r;
    }
    return (RED_COEFF * r + GREEN_COEFF * g + BLUE_COEFF * b) >> 15;
  }

  /** The parsed chunks and unfiltered samples of one PNG file. */
  private static final class PngImage {
    static final int GRAY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GRAY_ALPHA = 4;
    static final int RGB_ALPHA = 6;
    // Adam7 pass origins and steps.
    private static final int[] X0 = {0, 4, 0, 2, 0, 1, 0};
    private static final int[] Y0 = {0, 0, 4, 0, 2, 0, 1};
    private static final int[] DX = {8, 8, 4, 4, 2, 2, 1};
    private static final int[] DY = {8, 8, 8, 4, 4, 2, 2};

    final String source;
    final byte[] in;
    int width;
    int height;
    int bitDepth;
    int colorType;
    int interlace;
    int samplesPerPixel;
    int[] palette;
    int[] paletteAlpha;
    int paletteSize;
    boolean hasTrns;
    int trnsGray = -1;
    int[] trnsRgb;
    int[] samples;

    private PngImage(byte[] in, String source) {
      this.in = in;
      this.source = source;
    }

    boolean isColor() {
      return (colorType & 2) != 0;
    }

    ImageDecodeException error(String problem) {
      return new ImageDecodeException(source, "PNG: " + problem);
    }

    static PngImage read(byte[] png, String source) {
      PngImage im = new PngImage(png, source);
      im.parse();
      return im;
    }

    private int u32(int pos) {
      return ((in[pos] & 0xff) << 24) | ((in[pos + 1] & 0xff) << 16) | ((in[pos + 2] & 0xff) << 8)
          | (in[pos + 3] & 0xff);
    }

    private void parse() {
      if (!isPng(in)) {
        throw error("missing PNG signature");
      }
      int pos = SIGNATURE.length;
      boolean seenIhdr = false;
      boolean seenIdat = false;
      boolean idatEnded = false;
      Inflation inflation = null;
      CRC32 crc = new CRC32();
      while (true) {
        if (in.length - pos < 8) {
          throw error("truncated at byte " + pos + ": no IEND chunk");
        }
        int length = u32(pos);
        if (length < 0) {
          throw error("chunk length " + Integer.toUnsignedString(length) + " at byte " + pos
              + " exceeds 2^31-1");
        }
        String type = chunkType(pos + 4);
        int data = pos + 8;
        if ((long) in.length - data < (long) length + 4) {
          throw error("truncated in chunk " + type + " at byte " + pos);
        }
        crc.reset();
        crc.update(in, pos + 4, length + 4);
        boolean critical = Character.isUpperCase(type.charAt(0));
        if ((int) crc.getValue() != u32(data + length)) {
          if (critical || !seenIhdr) {
            throw error("CRC mismatch in chunk " + type + " at byte " + pos);
          }
          pos = data + length + 4;
          continue;   // libpng drops an ancillary chunk with a bad CRC
        }
        if (!seenIhdr && !type.equals("IHDR")) {
          throw error("first chunk is " + type + ", not IHDR");
        }
        if (seenIdat && !type.equals("IDAT")) {
          idatEnded = true;
        }
        switch (type) {
          case "IHDR" -> {
            if (seenIhdr) {
              throw error("second IHDR chunk");
            }
            header(data, length);
            seenIhdr = true;
          }
          case "PLTE" -> palette(data, length, seenIdat);
          case "tRNS" -> transparency(data, length, seenIdat);
          case "IDAT" -> {
            if (idatEnded) {
              throw error("IDAT chunks are not consecutive (byte " + pos + ")");
            }
            if (colorType == PALETTE && palette == null) {
              throw error("palette image has no PLTE chunk before IDAT");
            }
            if (inflation == null) {
              inflation = new Inflation(this);
            }
            inflation.feed(data, length);
            seenIdat = true;
          }
          case "IEND" -> {
            if (!seenIdat) {
              throw error("no IDAT chunk before IEND");
            }
            samples = inflation.finish();
            return;
          }
          default -> {
            if (critical) {
              throw error("unknown critical chunk " + type);
            }
          }
        }
        pos = data + length + 4;
      }
    }

    private String chunkType(int pos) {
      char[] t = new char[4];
      for (int i = 0; i < 4; i++) {
        int c = in[pos + i] & 0xff;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
          throw error("invalid chunk type byte 0x" + Integer.toHexString(c) + " at byte "
              + (pos + i));
        }
        t[i] = (char) c;
      }
      return new String(t);
    }

    private void header(int p, int length) {
      if (length != 13) {
        throw error("IHDR length " + length + ", expected 13");
      }
      width = u32(p);
      height = u32(p + 4);
      bitDepth = in[p + 8] & 0xff;
      colorType = in[p + 9] & 0xff;
      int compression = in[p + 10] & 0xff;
      int filter = in[p + 11] & 0xff;
      interlace = in[p + 12] & 0xff;
      if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION
          || (long) width * height > MAX_PIXELS) {
        throw error("image size " + Integer.toUnsignedString(width) + "x"
            + Integer.toUnsignedString(height) + " is empty or too large");
      }
      boolean depthOk = switch (colorType) {
        case GRAY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8
            || bitDepth == 16;
        case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
        case RGB, GRAY_ALPHA, RGB_ALPHA -> bitDepth == 8 || bitDepth == 16;
        default -> throw error("invalid colour type " + colorType);
      };
      if (!depthOk) {
        throw error("bit depth " + bitDepth + " is invalid for colour type " + colorType);
      }
      if (compression != 0 || filter != 0 || interlace > 1) {
        throw error("unknown compression/filter/interlace method " + compression + "/" + filter
            + "/" + interlace);
      }
      samplesPerPixel = switch (colorType) {
        case GRAY, PALETTE -> 1;
        case GRAY_ALPHA -> 2;
        case RGB -> 3;
        default -> 4;
      };
    }

    private void palette(int p, int length, boolean afterIdat) {
      if (afterIdat) {
        throw error("PLTE after IDAT");
      }
      if (palette != null) {
        throw error("second PLTE chunk");
      }
      if (!isColor()) {
        return;   // libpng ignores a palette in a grey image
      }
      if (length % 3 != 0 || length == 0 || length > 3 * 256) {
        throw error("PLTE length " + length + " is not 3..768 in steps of 3");
      }
      // Indices past the end of the palette read as opaque black, as in libpng 1.6.
      palette = new int[3 * 256];
      paletteAlpha = new int[256];
      java.util.Arrays.fill(paletteAlpha, 255);
      paletteSize = length / 3;
      for (int i = 0; i < length; i++) {
        palette[i] = in[p + i] & 0xff;
      }
    }

    private void transparency(int p, int length, boolean afterIdat) {
      if (afterIdat || hasTrns) {
        throw error("misplaced or repeated tRNS chunk");
      }
      // Wrong lengths are benign errors in libpng: the chunk is ignored.
      switch (colorType) {
        case PALETTE -> {
          if (palette == null || length == 0 || length > paletteSize) {
            return;
          }
          for (int i = 0; i < length; i++) {
            paletteAlpha[i] = in[p + i] & 0xff;
          }
        }
        case GRAY -> {
          if (length != 2) {
            return;
          }
          trnsGray = ((in[p] & 0xff) << 8 | (in[p + 1] & 0xff)) & ((1 << bitDepth) - 1);
        }
        case RGB -> {
          if (length != 6) {
            return;
          }
          trnsRgb = new int[3];
          for (int i = 0; i < 3; i++) {
            trnsRgb[i] = ((in[p + 2 * i] & 0xff) << 8 | (in[p + 2 * i + 1] & 0xff))
                & ((1 << bitDepth) - 1);
          }
        }
        default -> {
          return;
        }
      }
      hasTrns = true;
    }

    /** Bytes of filtered data (filter-type bytes included) for the whole image. */
    long rawSize() {
      long total = 0;
      if (interlace == 0) {
        return (long) height * (1 + rowBytes(width));
      }
      for (int pass = 0; pass < 7; pass++) {
        int w = passSize(width, X0[pass], DX[pass]);
        int h = passSize(height, Y0[pass], DY[pass]);
        if (w > 0 && h > 0) {
          total += (long) h * (1 + rowBytes(w));
        }
      }
      return total;
    }

    private static int passSize(int size, int origin, int step) {
      return size <= origin ? 0 : (size - origin + step - 1) / step;
    }

    long rowBytes(int w) {
      return ((long) w * samplesPerPixel * bitDepth + 7) / 8;
    }

    /** Unfilters {@code raw} and unpacks it into one int per sample. */
    int[] unpack(byte[] raw) {
      int[] out = new int[width * height * samplesPerPixel];
      int bpp = Math.max(1, samplesPerPixel * bitDepth / 8);
      int pos = 0;
      for (int pass = 0; pass < (interlace == 0 ? 1 : 7); pass++) {
        int x0 = interlace == 0 ? 0 : X0[pass];
        int y0 = interlace == 0 ? 0 : Y0[pass];
        int dx = interlace == 0 ? 1 : DX[pass];
        int dy = interlace == 0 ? 1 : DY[pass];
        int w = passSize(width, x0, dx);
        int h = passSize(height, y0, dy);
        if (w == 0 || h == 0) {
          continue;
        }
        int rb = (int) rowBytes(w);
        byte[] prev = new byte[rb];
        byte[] cur = new byte[rb];
        for (int row = 0; row < h; row++) {
          int filter = raw[pos] & 0xff;
          System.arraycopy(raw, pos + 1, cur, 0, rb);
          pos += 1 + rb;
          unfilter(filter, cur, prev, bpp, row);
          int y = y0 + row * dy;
          for (int i = 0; i < w; i++) {
            int x = x0 + i * dx;
            int o = (y * width + x) * samplesPerPixel;
            for (int s = 0; s < samplesPerPixel; s++) {
              out[o + s] = sample(cur, i * samplesPerPixel + s);
            }
          }
          byte[] t = prev;
          prev = cur;
          cur = t;
        }
      }
      return out;
    }

    private int sample(byte[] row, int index) {
      return switch (bitDepth) {
        case 16 -> (row[2 * index] & 0xff) << 8 | (row[2 * index + 1] & 0xff);
        case 8 -> row[index] & 0xff;
        default -> {
          int bit = index * bitDepth;
          int shift = 8 - bitDepth - (bit & 7);
          yield (row[bit >> 3] >> shift) & ((1 << bitDepth) - 1);
        }
      };
    }

    private void unfilter(int filter, byte[] cur, byte[] prev, int bpp, int row) {
      int n = cur.length;
      switch (filter) {
        case 0 -> { }
        case 1 -> {
          for (int i = bpp; i < n; i++) {
            cur[i] += cur[i - bpp];
          }
        }
        case 2 -> {
          for (int i = 0; i < n; i++) {
            cur[i] += prev[i];
          }
        }
        case 3 -> {
          for (int i = 0; i < n; i++) {
            int left = i >= bpp ? cur[i - bpp] & 0xff : 0;
            cur[i] += (byte) ((left + (prev[i] & 0xff)) >>> 1);
          }
        }
        case 4 -> {
          for (int i = 0; i < n; i++) {
            int a = i >= bpp ? cur[i - bpp] & 0xff : 0;
            int b = prev[i] & 0xff;
            int c = i >= bpp ? prev[i - bpp] & 0xff : 0;
            cur[i] += (byte) paeth(a, b, c);
          }
        }
        default -> throw error("invalid filter type " + filter + " in row " + row);
      }
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
  }

  /**
   * Inflates the IDAT stream as it arrives. The buffer grows with the data actually inflated, so a
   * header that claims a huge image costs nothing until the compressed data backs it up.
   */
  private static final class Inflation {
    private final PngImage image;
    private final Inflater inflater = new Inflater();
    private final long expected;
    private byte[] buf = new byte[256];
    private int size;
    private final byte[] spill = new byte[4096];

    Inflation(PngImage image) {
      this.image = image;
      this.expected = image.rawSize();
      if (expected > Integer.MAX_VALUE - 16) {
        throw image.error("image data of " + expected + " bytes is too large");
      }
    }

    void feed(int offset, int length) {
      if (inflater.finished()) {
        return;   // data after the end of the zlib stream is ignored, as libpng warns and goes on
      }
      inflater.setInput(image.in, offset, length);
      try {
        while (!inflater.finished() && !inflater.needsInput()) {
          if (inflater.needsDictionary()) {
            throw image.error("zlib stream asks for a preset dictionary");
          }
          if (size < expected) {
            if (size == buf.length) {
              buf = java.util.Arrays.copyOf(buf, (int) Math.min(expected, 2L * buf.length));
            }
            int want = (int) Math.min(buf.length, expected) - size;
            size += inflater.inflate(buf, size, want);
          } else {
            inflater.inflate(spill);   // too much data: libpng warns and drops the rest
          }
        }
      } catch (DataFormatException e) {
        throw new ImageDecodeException(image.source, "PNG: corrupt zlib data: " + e.getMessage(),
            e);
      }
    }

    int[] finish() {
      inflater.end();
      if (size < expected) {
        throw image.error("not enough image data: " + size + " of " + expected + " bytes");
      }
      return image.unpack(buf);
    }
  }
}
