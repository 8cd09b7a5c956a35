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
 * with TensorFlow's {@code DecodeJpeg} channel semantics. The entropy decoding, accurate integer
 * IDCT and fancy upsampling are the JDK's ImageIO (IJG libjpeg); the colour conversion is libjpeg's
 * fixed-point YCbCr to RGB, done here so that embedded ICC profiles are ignored, as in TF.
 *
 * <p>{@code channels} is 0 (as stored: 1 or 3), 1 or 3; JPEG has no 4-channel output, as in TF.
 * Grey output of a YCbCr file is its luma plane (libjpeg's {@code JCS_GRAYSCALE}); colour output
 * of a grey file repeats the grey value. Three components are YCbCr unless an Adobe marker says
 * RGB (transform 0) or, without JFIF and Adobe markers, the component ids are 'R', 'G', 'B'.
 *
 * <p>Numbers: the pixels equal TF's {@code dct_method="INTEGER_ACCURATE"} (libjpeg-turbo
 * {@code JDCT_ISLOW}) exactly. TF's default {@code dct_method=""} is {@code INTEGER_FAST}
 * ({@code JDCT_IFAST}), which differs from these by a few levels (at most 5 on the test images).
 *
 * <p>Stricter than TF: libjpeg warnings (premature end of data, corrupt entropy data) are errors,
 * so truncated or damaged files end in an {@link ImageDecodeException} rather than an image with a
 * grey tail. 12-bit, lossless, arithmetic-coded and CMYK/YCCK files are rejected as unsupported.
 * A file too short to hold its frame's blocks is rejected before anything is allocated.
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
    Raster raster = read(jpeg, source);
    int w = frame.width;
    int h = frame.height;
    if (raster.getWidth() != w || raster.getHeight() != h
        || raster.getNumBands() != frame.components) {
      throw new ImageDecodeException(source, "JPEG: decoded " + raster.getWidth() + "x"
          + raster.getHeight() + "x" + raster.getNumBands() + " differs from the frame header "
          + w + "x" + h + "x" + frame.components);
    }
    int bands = frame.components;
    byte[] out = new byte[Math.multiplyExact(w * h, c)];
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * c;
        int i = x * bands;
        if (bands == 1) {
          for (int k = 0; k < c; k++) {
            out[o + k] = (byte) row[i];   // grey to colour repeats the value
          }
        } else if (frame.rgb) {
          if (c == 1) {
            out[o] = (byte) ColorConversion.rgbToGray(row[i], row[i + 1], row[i + 2]);
          } else {
            out[o] = (byte) row[i];
            out[o + 1] = (byte) row[i + 1];
            out[o + 2] = (byte) row[i + 2];
          }
        } else if (c == 1) {
          out[o] = (byte) row[i];   // grey output of YCbCr is the luma plane
        } else {
          ColorConversion.yccToRgb(row[i], row[i + 1], row[i + 2], out, o);
        }
      }
    }
    return Tensor.wrap(DType.UINT8, Shape.of(h, w, c), out);
  }

  /**
   * The decoded but unconverted components (libjpeg upsamples them, with fancy upsampling). The
   * colour conversion is done here rather than by ImageIO, which would also apply an embedded ICC
   * profile; libjpeg as used by TF ignores ICC profiles.
   */
  private static Raster read(byte[] jpeg, String source) {
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
      Raster raster = reader.readRaster(0, null);
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
  private record Frame(int width, int height, int components, int componentIds, boolean rgb) {
    private static final int RGB_IDS = 'R' << 16 | 'G' << 8 | 'B';

    static Frame scan(byte[] b, String source) {
      if (!isJpeg(b)) {
        throw new ImageDecodeException(source, "JPEG: missing start-of-image marker");
      }
      int pos = 2;
      Frame frame = null;
      boolean jfif = false;
      int adobeTransform = -1;
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
          if (frame != null) {
            throw new ImageDecodeException(source, "JPEG: second frame header at byte " + pos);
          }
          frame = frame(b, pos, marker, length, source);
        } else if (marker == 0xE0 && startsWith(b, pos + 4, length - 2, "JFIF\0")) {
          jfif = true;
        } else if (marker == 0xEE && length >= 14 && startsWith(b, pos + 4, length - 2, "Adobe")) {
          adobeTransform = b[pos + 4 + 11] & 0xff;
        } else if (marker == 0xDA) {
          if (frame == null) {
            throw new ImageDecodeException(source, "JPEG: scan before the frame header");
          }
          // Every block costs at least one bit of entropy-coded data (a DC code), so a file
          // too short for its frame is truncated; checking here avoids allocating for it.
          long blocks = ((frame.width + 7L) / 8) * ((frame.height + 7L) / 8);
          if ((long) (b.length - pos) * 8 < blocks) {
            throw new ImageDecodeException(source, "JPEG: truncated: " + (b.length - pos)
                + " bytes of scan data cannot hold " + blocks + " blocks");
          }
          if (!hasEndMarker(b, pos + 2 + length)) {
            throw new ImageDecodeException(source,
                "JPEG: truncated: no end-of-image marker after the first scan");
          }
          return frame.withColorSpace(jfif, adobeTransform);
        }
        pos += 2 + length;
      }
    }

    /**
     * libjpeg's rule for what three components hold: JFIF means YCbCr; else an Adobe marker's
     * transform (0 RGB, otherwise YCbCr); else component ids 'R', 'G', 'B' mean RGB.
     */
    private Frame withColorSpace(boolean jfif, int adobeTransform) {
      if (components != 3 || jfif) {
        return this;
      }
      boolean isRgb = adobeTransform >= 0 ? adobeTransform == 0 : componentIds == RGB_IDS;
      return new Frame(width, height, components, componentIds, isRgb);
    }

    private static boolean startsWith(byte[] b, int from, int available, String ascii) {
      if (available < ascii.length()) {
        return false;
      }
      for (int i = 0; i < ascii.length(); i++) {
        if (b[from + i] != (byte) ascii.charAt(i)) {
          return false;
        }
      }
      return true;
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
      int ids = 0;
      for (int i = 0; i < components; i++) {
        ids = ids << 8 | (b[pos + 10 + 3 * i] & 0xff);
      }
      return new Frame(width, height, components, ids, false);
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
