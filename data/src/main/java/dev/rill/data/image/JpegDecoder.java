package dev.rill.data.image;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes baseline and progressive JPEG files into uint8 {@code [height, width, channels]} tensors
 * with TensorFlow's {@code DecodeJpeg} channel semantics, through the JDK's ImageIO decoder
 * (IJG libjpeg: accurate integer IDCT, fancy upsampling).
 *
 * <p>{@code channels} is 0 (as stored: 1 or 3), 1 or 3; JPEG has no 4-channel output, as in TF.
 * Grey output of a colour file is the decoded luma plane, which is what libjpeg gives for
 * {@code JCS_GRAYSCALE}; colour output of a grey file repeats the grey value.
 *
 * <p>Numbers: the pixels equal TF's {@code dct_method="INTEGER_ACCURATE"} (libjpeg-turbo
 * {@code JDCT_ISLOW}) exactly. TF's default {@code dct_method=""} is {@code INTEGER_FAST}
 * ({@code JDCT_IFAST}), which differs from these by a few levels (at most 5 on the test images).
 *
 * <p>Stricter than TF: libjpeg warnings (premature end of data, corrupt entropy data) are errors,
 * so truncated or damaged files end in an {@link ImageDecodeException} rather than an image with a
 * grey tail. 12-bit, lossless, arithmetic-coded and CMYK/YCCK files are rejected as unsupported.
 */
public final class JpegDecoder {
  /** Largest width x height accepted (a guard against allocating for a forged header). */
  public static final long MAX_PIXELS = (1L << 29) - 1;

  private JpegDecoder() {}

  /** True if {@code bytes} start with the JPEG start-of-image marker and a marker prefix. */
  public static boolean isJpeg(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8
        && (bytes[2] & 0xff) == 0xFF;
  }

  /** Decodes to a uint8 {@code [h, w, c]} tensor; {@code source} names the bytes in errors. */
  public static Tensor decode(byte[] jpeg, int channels, String source) {
    if (channels != 0 && channels != 1 && channels != 3) {
      throw InvalidArgumentException.of("DecodeJpeg",
          "channels must be 0, 1 or 3 (JPEG does not support 4 channels), got " + channels);
    }
    Frame frame = Frame.scan(jpeg, source);
    int c = channels == 0 ? frame.components : channels;
    Raster raster = read(jpeg, source, frame, c);
    int w = frame.width;
    int h = frame.height;
    if (raster.getWidth() != w || raster.getHeight() != h) {
      throw new ImageDecodeException(source, "JPEG: decoded size " + raster.getWidth() + "x"
          + raster.getHeight() + " differs from the frame header " + w + "x" + h);
    }
    int bands = raster.getNumBands();
    byte[] out = new byte[Math.multiplyExact(w * h, c)];
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * c;
        for (int k = 0; k < c; k++) {
          // A grey file asked for colour repeats band 0; a colour file asked for grey takes luma.
          out[o + k] = (byte) row[x * bands + (bands == 1 ? 0 : k)];
        }
      }
    }
    return Tensor.wrap(DType.UINT8, Shape.of(h, w, c), out);
  }

  /** Colour output comes from the converted image; grey output of colour files from raw luma. */
  private static Raster read(byte[] jpeg, String source, Frame frame, int c) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
    if (!readers.hasNext()) {
      throw new ImageDecodeException(source, "JPEG: no ImageIO JPEG reader in this JDK");
    }
    ImageReader reader = readers.next();
    try (MemoryCacheImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in, true, true);
      // Warnings arrive through a callback from native code, so they are collected and checked
      // afterwards rather than thrown from the callback.
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
      Raster raster = frame.components == 3 && c == 1
          ? reader.readRaster(0, null)
          : reader.read(0).getRaster();
      if (!warnings.isEmpty()) {
        throw new ImageDecodeException(source, "JPEG: " + String.join("; ", warnings));
      }
      return raster;
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(source, "JPEG: " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
  }

  /** The frame header (SOFn) found by walking the marker segments, checked before decoding. */
  private record Frame(int width, int height, int components) {
    static Frame scan(byte[] b, String source) {
      if (!isJpeg(b)) {
        throw new ImageDecodeException(source, "JPEG: missing start-of-image marker");
      }
      int pos = 2;
      Frame frame = null;
      while (true) {
        if (pos + 1 >= b.length) {
          throw new ImageDecodeException(source, "JPEG: truncated in the headers at byte " + pos);
        }
        if ((b[pos] & 0xff) != 0xFF) {
          throw new ImageDecodeException(source, "JPEG: expected a marker at byte " + pos);
        }
        int marker = b[pos + 1] & 0xff;
        if (marker == 0xFF) {
          pos++;   // fill byte
          continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
          pos += 2;
          continue;
        }
        if (marker == 0xD8 || marker == 0xD9 || marker == 0x00) {
          throw new ImageDecodeException(source, String.format(
              "JPEG: unexpected marker 0x%02X at byte %d", marker, pos));
        }
        if (pos + 3 >= b.length) {
          throw new ImageDecodeException(source, "JPEG: truncated in the headers at byte " + pos);
        }
        int length = (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
        if (length < 2 || pos + 2 + length > b.length) {
          throw new ImageDecodeException(source, String.format(
              "JPEG: segment 0x%02X at byte %d has bad length %d", marker, pos, length));
        }
        if (isFrameMarker(marker)) {
          frame = frame(b, pos, marker, length, source);
        } else if (marker == 0xDA) {
          if (frame == null) {
            throw new ImageDecodeException(source, "JPEG: scan before the frame header");
          }
          if (!hasEndMarker(b, pos + 2 + length)) {
            throw new ImageDecodeException(source,
                "JPEG: truncated: no end-of-image marker after the first scan");
          }
          return frame;
        }
        pos += 2 + length;
      }
    }

    private static boolean isFrameMarker(int m) {
      return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    private static Frame frame(byte[] b, int pos, int marker, int length, String source) {
      if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
        throw new ImageDecodeException(source, String.format(
            "JPEG: unsupported coding process (SOF marker 0x%02X)", marker));
      }
      if (length < 8) {
        throw new ImageDecodeException(source, "JPEG: frame header too short");
      }
      int precision = b[pos + 4] & 0xff;
      int height = (b[pos + 5] & 0xff) << 8 | (b[pos + 6] & 0xff);
      int width = (b[pos + 7] & 0xff) << 8 | (b[pos + 8] & 0xff);
      int components = length >= 8 ? b[pos + 9] & 0xff : 0;
      if (precision != 8) {
        throw new ImageDecodeException(source, "JPEG: unsupported sample precision " + precision);
      }
      if (width == 0 || height == 0 || (long) width * height > MAX_PIXELS) {
        throw new ImageDecodeException(source, "JPEG: image size " + width + "x" + height
            + " is empty or too large");
      }
      if (components != 1 && components != 3) {
        throw new ImageDecodeException(source, "JPEG: unsupported number of components "
            + components + " (only grey and YCbCr/RGB)");
      }
      if (length != 8 + 3 * components) {
        throw new ImageDecodeException(source, "JPEG: frame header length " + length
            + " does not fit " + components + " components");
      }
      return new Frame(width, height, components);
    }

    /** Entropy-coded data stuffs every 0xFF, so 0xFF 0xD9 can only be the real end marker. */
    private static boolean hasEndMarker(byte[] b, int from) {
      for (int i = b.length - 2; i >= from; i--) {
        if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) {
          return true;
        }
      }
      return false;
    }
  }
}
