package dev.rill.io.events;

/**
 * Maps a float image to uint8 pixels the way TensorFlow's image summaries do, so the same tensor
 * looks the same in TensorBoard whichever library logged it. Per image, over the pixels whose
 * channels are all finite: if the minimum is negative, values are scaled by 127 / max(|min|, |max|)
 * and shifted by 128 (so 0 is mid-grey); otherwise scaled by 255 / max. A range below 1e-6 gives
 * scale 0. Results are truncated to uint8; pixels with a non-finite channel get the bad colour.
 */
final class ImageNormalizer {
  private static final float ZERO_THRESHOLD = 1e-6f;

  private ImageNormalizer() {}

  /** The scale and shift for an image whose finite values span [min, max], found in float. */
  private record Affine(float scale, float shift) {
    static Affine of(float min, float max) {
      if (min < 0) {
        float range = Math.max(Math.abs(min), Math.abs(max));
        return new Affine(range < ZERO_THRESHOLD ? 0f : 127f / range, 128f);
      }
      return new Affine(max < ZERO_THRESHOLD ? 0f : 255f / max, 0f);
    }
  }

  /**
   * Normalises the {@code pixels * depth} values of one float32 image at {@code data[offset]},
   * computing in float as TensorFlow does for float32 images.
   */
  static byte[] normalize(float[] data, int offset, int pixels, int depth, byte[] badColor) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int p = 0; p < pixels; p++) {
      int base = offset + p * depth;
      if (finite(data, base, depth)) {
        for (int c = 0; c < depth; c++) {
          min = Math.min(min, data[base + c]);
          max = Math.max(max, data[base + c]);
        }
      }
    }
    Affine affine = Affine.of(min, max);
    float scale = affine.scale();
    float shift = affine.shift();
    byte[] out = new byte[pixels * depth];
    for (int p = 0; p < pixels; p++) {
      int base = offset + p * depth;
      boolean ok = finite(data, base, depth);
      for (int c = 0; c < depth; c++) {
        out[p * depth + c] = ok ? toUint8(data[base + c] * scale + shift) : badColor[c];
      }
    }
    return out;
  }

  /**
   * The float64 variant: range and scale are found in float, as TensorFlow does, and the pixels
   * are computed in double.
   */
  static byte[] normalize(double[] data, int offset, int pixels, int depth, byte[] badColor) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int p = 0; p < pixels; p++) {
      int base = offset + p * depth;
      if (finite(data, base, depth)) {
        for (int c = 0; c < depth; c++) {
          min = Math.min(min, (float) data[base + c]);
          max = Math.max(max, (float) data[base + c]);
        }
      }
    }
    Affine affine = Affine.of(min, max);
    double scale = affine.scale();
    double shift = affine.shift();
    byte[] out = new byte[pixels * depth];
    for (int p = 0; p < pixels; p++) {
      int base = offset + p * depth;
      boolean ok = finite(data, base, depth);
      for (int c = 0; c < depth; c++) {
        out[p * depth + c] = ok ? toUint8(data[base + c] * scale + shift) : badColor[c];
      }
    }
    return out;
  }

  /** Truncation toward zero, clamped to [0, 255] against rounding just past the ends. */
  private static byte toUint8(double v) {
    return (byte) Math.max(0, Math.min(255, (int) v));
  }

  private static boolean finite(float[] d, int base, int depth) {
    for (int c = 0; c < depth; c++) {
      if (!Float.isFinite(d[base + c])) {
        return false;
      }
    }
    return true;
  }

  private static boolean finite(double[] d, int base, int depth) {
    for (int c = 0; c < depth; c++) {
      if (!Double.isFinite(d[base + c])) {
        return false;
      }
    }
    return true;
  }
}
