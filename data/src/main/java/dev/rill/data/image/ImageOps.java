package dev.rill.data.image;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;

/**
 * TensorFlow's {@code tf.image} adjustments for an image {@code [h, w, c]} or a batch
 * {@code [n, h, w, c]}: crops, flips, brightness, contrast, standardisation and dtype conversion.
 *
 * <p>Arithmetic follows TF: uint8 images are converted to float32 in [0, 1] ({@code x * (1/255)}),
 * adjusted, and converted back with saturation ({@code trunc(clamp(x * 255.5, 0, 255))}); float32
 * images are adjusted in place without clipping. Crops and flips keep any dtype.
 *
 * {@snippet :
 * Tensor x = ImageOps.convertImageDtype(decoded, DType.FLOAT32);   // uint8 -> [0, 1]
 * x = ImageOps.centralCrop(x, 0.875);
 * x = ImageOps.perImageStandardization(x);
 * }
 *
 * @see RandomImageOps for the seeded random variants
 */
public final class ImageOps {
  private static final float UINT8_TO_FLOAT = (float) (1.0 / 255.0);
  private static final float FLOAT_TO_UINT8 = 255.5f;

  private ImageOps() {}

  /**
   * The central {@code fraction} (in (0, 1]) of each image's height and width; the start offset is
   * {@code (int) ((size - size * fraction) / 2)} in double precision, as TF.
   */
  public static Tensor centralCrop(Tensor images, double fraction) {
    ImageShape s = ImageShape.of("central_crop", images);
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw InvalidArgumentException.of("central_crop", "fraction must be in (0, 1], got "
          + fraction);
    }
    if (fraction == 1.0) {
      return images;
    }
    int top = (int) ((s.height() - s.height() * fraction) / 2);
    int left = (int) ((s.width() - s.width() * fraction) / 2);
    return crop(images, s, top, left, s.height() - 2 * top, s.width() - 2 * left);
  }

  /** The window at ({@code offsetHeight}, {@code offsetWidth}) of the given size, as TF. */
  public static Tensor cropToBoundingBox(Tensor images, int offsetHeight, int offsetWidth,
      int targetHeight, int targetWidth) {
    ImageShape s = ImageShape.of("crop_to_bounding_box", images);
    if (offsetHeight < 0 || offsetWidth < 0) {
      throw InvalidArgumentException.of("crop_to_bounding_box", "offsets must be >= 0, got "
          + offsetHeight + ", " + offsetWidth);
    }
    if (targetHeight <= 0 || targetWidth <= 0) {
      throw InvalidArgumentException.of("crop_to_bounding_box", "target size must be > 0, got "
          + targetHeight + "x" + targetWidth);
    }
    if (offsetHeight + targetHeight > s.height() || offsetWidth + targetWidth > s.width()) {
      throw InvalidArgumentException.of("crop_to_bounding_box", "window " + targetHeight + "x"
          + targetWidth + " at (" + offsetHeight + ", " + offsetWidth + ") exceeds image "
          + images.shape());
    }
    return crop(images, s, offsetHeight, offsetWidth, targetHeight, targetWidth);
  }

  static Tensor crop(Tensor images, ImageShape s, int top, int left, int h, int w) {
    int c = s.channels();
    Object in = images.data();
    Object out = Tensor.allocate(images.dtype(), s.batch() * h * w * c);
    int o = 0;
    for (int b = 0; b < s.batch(); b++) {
      for (int y = 0; y < h; y++) {
        int from = b * s.imageSize() + ((top + y) * s.width() + left) * c;
        System.arraycopy(in, from, out, o, w * c);
        o += w * c;
      }
    }
    return Tensor.wrap(images.dtype(), s.resized(h, w), out);
  }

  /** Mirrors every image left to right (along width). */
  public static Tensor flipLeftRight(Tensor images) {
    ImageShape s = ImageShape.of("flip_left_right", images);
    return flip(images, s, true, null);
  }

  /** Mirrors every image top to bottom (along height). */
  public static Tensor flipUpDown(Tensor images) {
    ImageShape s = ImageShape.of("flip_up_down", images);
    return flip(images, s, false, null);
  }

  /** Flips the images whose entry in {@code which} is true (all when {@code which} is null). */
  static Tensor flip(Tensor images, ImageShape s, boolean horizontal, boolean[] which) {
    int c = s.channels();
    Object in = images.data();
    Object out = Tensor.allocate(images.dtype(), images.size());
    for (int b = 0; b < s.batch(); b++) {
      int base = b * s.imageSize();
      if (which != null && !which[b]) {
        System.arraycopy(in, base, out, base, s.imageSize());
        continue;
      }
      for (int y = 0; y < s.height(); y++) {
        int rowOut = base + y * s.width() * c;
        if (horizontal) {
          for (int x = 0; x < s.width(); x++) {
            System.arraycopy(in, rowOut + (s.width() - 1 - x) * c, out, rowOut + x * c, c);
          }
        } else {
          int rowIn = base + (s.height() - 1 - y) * s.width() * c;
          System.arraycopy(in, rowIn, out, rowOut, s.width() * c);
        }
      }
    }
    return Tensor.wrap(images.dtype(), images.shape(), out);
  }

  /** Adds {@code delta} to every value (on the [0, 1] scale for uint8 images). */
  public static Tensor adjustBrightness(Tensor images, float delta) {
    ImageShape.of("adjust_brightness", images);
    float[] x = toWorkingFloat("adjust_brightness", images);
    for (int i = 0; i < x.length; i++) {
      x[i] += delta;
    }
    return fromWorkingFloat(images, x);
  }

  /**
   * {@code (x - mean) * factor + mean} with the mean of each channel of each image, as TF's
   * {@code AdjustContrastv2} (no clipping for float input; uint8 saturates on the way back).
   */
  public static Tensor adjustContrast(Tensor images, float factor) {
    ImageShape s = ImageShape.of("adjust_contrast", images);
    float[] x = toWorkingFloat("adjust_contrast", images);
    int c = s.channels();
    int pixels = s.height() * s.width();
    for (int b = 0; b < s.batch(); b++) {
      int base = b * s.imageSize();
      for (int k = 0; k < c; k++) {
        double sum = 0;
        for (int p = 0; p < pixels; p++) {
          sum += x[base + p * c + k];
        }
        float mean = (float) (sum / pixels);
        for (int p = 0; p < pixels; p++) {
          int i = base + p * c + k;
          x[i] = (x[i] - mean) * factor + mean;
        }
      }
    }
    return fromWorkingFloat(images, x);
  }

  /**
   * {@code (x - mean) / max(stddev, 1/sqrt(N))} over each image's N = h*w*c values, float32
   * result. uint8 input is cast to float without scaling, as TF 2.x.
   */
  public static Tensor perImageStandardization(Tensor images) {
    ImageShape s = ImageShape.of("per_image_standardization", images);
    float[] x = images.dtype() == DType.FLOAT32 ? images.floatData().clone()
        : images.toFloatArray();
    int n = s.imageSize();
    float minStddev = (float) (1.0 / Math.sqrt(n));
    for (int b = 0; b < s.batch(); b++) {
      int base = b * n;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += x[base + i];
      }
      float mean = (float) (sum / n);
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double d = x[base + i] - mean;
        squares += d * d;
      }
      float adjusted = Math.max((float) Math.sqrt(squares / n), minStddev);
      for (int i = 0; i < n; i++) {
        x[base + i] = (x[base + i] - mean) / adjusted;
      }
    }
    return Tensor.wrap(DType.FLOAT32, images.shape(), x);
  }

  /**
   * TF's {@code convert_image_dtype} between uint8 [0, 255] and float32/float64 [0, 1]: uint8 to
   * float multiplies by 1/255; float to uint8 is {@code trunc(x * 255.5)}, clamped to [0, 255]
   * when {@code saturate} (otherwise out-of-range values wrap modulo 256; TF leaves them
   * undefined).
   * Float to float is a plain cast.
   */
  public static Tensor convertImageDtype(Tensor image, DType dtype, boolean saturate) {
    DType from = image.dtype();
    checkImageDtype(from);
    checkImageDtype(dtype);
    if (from == dtype) {
      return image;
    }
    int n = image.size();
    if (from == DType.UINT8) {
      byte[] in = image.uint8Data();
      if (dtype == DType.FLOAT32) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = (in[i] & 0xff) * UINT8_TO_FLOAT;
        }
        return Tensor.wrap(dtype, image.shape(), out);
      }
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = (in[i] & 0xff) * (1.0 / 255.0);
      }
      return Tensor.wrap(dtype, image.shape(), out);
    }
    if (dtype == DType.UINT8) {
      byte[] out = new byte[n];
      if (from == DType.FLOAT32) {
        float[] in = image.floatData();
        for (int i = 0; i < n; i++) {
          out[i] = toUint8(in[i] * FLOAT_TO_UINT8, saturate);
        }
      } else {
        double[] in = image.doubleData();
        for (int i = 0; i < n; i++) {
          out[i] = toUint8(in[i] * 255.5, saturate);
        }
      }
      return Tensor.wrap(dtype, image.shape(), out);
    }
    return image.cast(dtype);
  }

  /** {@link #convertImageDtype(Tensor, DType, boolean)} without saturation, TF's default. */
  public static Tensor convertImageDtype(Tensor image, DType dtype) {
    return convertImageDtype(image, dtype, false);
  }

  private static byte toUint8(double scaled, boolean saturate) {
    if (saturate) {
      return (byte) (int) Math.min(Math.max(scaled, 0), 255);
    }
    return (byte) (long) scaled;   // wraps modulo 256; TF leaves this case undefined
  }

  private static void checkImageDtype(DType d) {
    if (d != DType.UINT8 && d != DType.FLOAT32 && d != DType.FLOAT64) {
      throw InvalidArgumentException.of("convert_image_dtype",
          "supported dtypes are uint8, float32 and float64, got " + d);
    }
  }

  /** A fresh float32 copy on TF's working scale: float32 as is, uint8 scaled to [0, 1]. */
  private static float[] toWorkingFloat(String op, Tensor images) {
    return switch (images.dtype()) {
      case FLOAT32 -> images.floatData().clone();
      case UINT8 -> convertImageDtype(images, DType.FLOAT32).floatData().clone();
      default -> throw InvalidArgumentException.of(op, "supported dtypes are uint8 and float32, got "
          + images.dtype());
    };
  }

  private static Tensor fromWorkingFloat(Tensor original, float[] x) {
    Tensor t = Tensor.wrap(DType.FLOAT32, original.shape(), x);
    return original.dtype() == DType.UINT8 ? convertImageDtype(t, DType.UINT8, true) : t;
  }
}
