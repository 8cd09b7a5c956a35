package dev.rill.data.image;

/**
 * libjpeg's integer colour conversions (JFIF YCbCr to RGB, RGB to grey) in 16-bit fixed point,
 * so that decoded JPEG pixels equal libjpeg's to the last bit.
 */
final class ColorConversion {
  private static final int SCALE_BITS = 16;
  private static final int HALF = 1 << (SCALE_BITS - 1);
  private static final int[] CR_R = new int[256];
  private static final int[] CB_B = new int[256];
  private static final int[] CR_G = new int[256];
  private static final int[] CB_G = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fix(1.40200) * x + HALF) >> SCALE_BITS;
      CB_B[i] = (fix(1.77200) * x + HALF) >> SCALE_BITS;
      CR_G[i] = -fix(0.71414) * x;
      CB_G[i] = -fix(0.34414) * x + HALF;   // the rounding half rides along in the green sum
    }
  }

  private ColorConversion() {}

  private static int fix(double v) {
    return (int) (v * (1 << SCALE_BITS) + 0.5);
  }

  /** Writes the RGB of one YCbCr sample triple to {@code out[o..o+2]}. */
  static void yccToRgb(int y, int cb, int cr, byte[] out, int o) {
    out[o] = (byte) clamp(y + CR_R[cr]);
    out[o + 1] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
    out[o + 2] = (byte) clamp(y + CB_B[cb]);
  }

  /** Rec. 601 luma of an RGB triple, rounded as libjpeg's {@code rgb_gray_convert}. */
  static int rgbToGray(int r, int g, int b) {
    return (fix(0.29900) * r + fix(0.58700) * g + fix(0.11400) * b + HALF) >> SCALE_BITS;
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
