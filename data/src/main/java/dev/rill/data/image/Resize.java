package dev.rill.data.image;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;

/**
 * Bilinear and nearest-neighbour resizing of images {@code [h, w, c]} and batches
 * {@code [n, h, w, c]}, computed as TensorFlow's {@code ResizeBilinear} and
 * {@code ResizeNearestNeighbor} kernels do (float32 coordinates and interpolation weights).
 *
 * <p>The flags are TF's: {@code alignCorners} maps the corner pixel centres onto each other;
 * {@code halfPixelCenters} samples at pixel centres (TF2's {@code tf.image.resize} default).
 * Both false is the legacy {@code tf.compat.v1.image.resize_*} default; both true is rejected.
 *
 * {@snippet :
 * Tensor small = Resize.bilinear(image, 224, 224);                 // TF2 semantics
 * Tensor v1 = Resize.bilinear(image, 224, 224, true, false);       // align_corners=True
 * }
 */
public final class Resize {
  private Resize() {}

  /** TF2 {@code tf.image.resize(method="bilinear")}: half-pixel centres; float32 result. */
  public static Tensor bilinear(Tensor images, int height, int width) {
    return bilinear(images, height, width, false, true);
  }

  /** {@code ResizeBilinear} with TF's flags; any numeric input, float32 result. */
  public static Tensor bilinear(Tensor images, int height, int width, boolean alignCorners,
      boolean halfPixelCenters) {
    ImageShape s = check("ResizeBilinear", images, height, width, alignCorners, halfPixelCenters);
    float[] in = images.dtype() == DType.FLOAT32 ? images.floatData() : images.toFloatArray();
    Axis ys = Axis.linear(s.height(), height, alignCorners, halfPixelCenters);
    Axis xs = Axis.linear(s.width(), width, alignCorners, halfPixelCenters);
    int c = s.channels();
    float[] out = new float[s.batch() * height * width * c];
    int o = 0;
    for (int b = 0; b < s.batch(); b++) {
      int base = b * s.imageSize();
      for (int y = 0; y < height; y++) {
        int top = base + ys.lower[y] * s.width() * c;
        int bottom = base + ys.upper[y] * s.width() * c;
        float yl = ys.lerp[y];
        for (int x = 0; x < width; x++) {
          int left = xs.lower[x] * c;
          int right = xs.upper[x] * c;
          float xl = xs.lerp[x];
          for (int k = 0; k < c; k++) {
            float tl = in[top + left + k];
            float tr = in[top + right + k];
            float bl = in[bottom + left + k];
            float br = in[bottom + right + k];
            float t = tl + (tr - tl) * xl;
            float d = bl + (br - bl) * xl;
            out[o++] = t + (d - t) * yl;
          }
        }
      }
    }
    return Tensor.wrap(DType.FLOAT32, s.resized(height, width), out);
  }

  /** TF2 {@code tf.image.resize(method="nearest")}: half-pixel centres; keeps the dtype. */
  public static Tensor nearest(Tensor images, int height, int width) {
    return nearest(images, height, width, false, true);
  }

  /** {@code ResizeNearestNeighbor} with TF's flags; keeps the dtype. */
  public static Tensor nearest(Tensor images, int height, int width, boolean alignCorners,
      boolean halfPixelCenters) {
    ImageShape s = check("ResizeNearestNeighbor", images, height, width, alignCorners,
        halfPixelCenters);
    int[] ys = Axis.nearest(s.height(), height, alignCorners, halfPixelCenters);
    int[] xs = Axis.nearest(s.width(), width, alignCorners, halfPixelCenters);
    int c = s.channels();
    Object in = images.data();
    Object out = Tensor.allocate(images.dtype(), s.batch() * height * width * c);
    int o = 0;
    for (int b = 0; b < s.batch(); b++) {
      int base = b * s.imageSize();
      for (int y = 0; y < height; y++) {
        int row = base + ys[y] * s.width() * c;
        for (int x = 0; x < width; x++) {
          System.arraycopy(in, row + xs[x] * c, out, o, c);
          o += c;
        }
      }
    }
    return Tensor.wrap(images.dtype(), s.resized(height, width), out);
  }

  private static ImageShape check(String op, Tensor images, int height, int width,
      boolean alignCorners, boolean halfPixelCenters) {
    ImageShape s = ImageShape.of(op, images);
    if (height <= 0 || width <= 0) {
      throw InvalidArgumentException.of(op, "output size must be positive, got " + height + "x"
          + width);
    }
    if (alignCorners && halfPixelCenters) {
      throw InvalidArgumentException.of(op,
          "align_corners and half_pixel_centers cannot both be true");
    }
    if (s.height() <= 0 || s.width() <= 0) {
      throw InvalidArgumentException.of(op, "input image must not be empty: " + images.shape());
    }
    if (images.dtype() == DType.STRING || images.dtype() == DType.COMPLEX64
        || images.dtype() == DType.BOOL) {
      throw InvalidArgumentException.of(op, "unsupported dtype " + images.dtype());
    }
    return s;
  }

  /** Source coordinates along one axis; all arithmetic in float32, as TF's CPU kernels. */
  private static final class Axis {
    final int[] lower;
    final int[] upper;
    final float[] lerp;

    private Axis(int n) {
      lower = new int[n];
      upper = new int[n];
      lerp = new float[n];
    }

    static float scale(int in, int out, boolean alignCorners) {
      return alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
    }

    static Axis linear(int in, int out, boolean alignCorners, boolean halfPixelCenters) {
      float scale = scale(in, out, alignCorners);
      Axis a = new Axis(out);
      for (int i = 0; i < out; i++) {
        float src = halfPixelCenters ? ((float) i + 0.5f) * scale - 0.5f : (float) i * scale;
        float floor = (float) Math.floor(src);
        a.lower[i] = Math.max((int) floor, 0);
        a.upper[i] = Math.min((int) Math.ceil(src), in - 1);
        a.lerp[i] = src - floor;
      }
      return a;
    }

    static int[] nearest(int in, int out, boolean alignCorners, boolean halfPixelCenters) {
      float scale = scale(in, out, alignCorners);
      int[] idx = new int[out];
      for (int i = 0; i < out; i++) {
        // Half-pixel nearest neighbour samples at (i + 0.5) * scale, without the -0.5 shift.
        float src = halfPixelCenters ? ((float) i + 0.5f) * scale : (float) i * scale;
        int j = alignCorners ? Math.round(src) : (int) Math.floor(src);
        j = Math.min(j, in - 1);
        idx[i] = Math.max(j, 0);
      }
      return idx;
    }
  }
}
