package dev.rill.core.ops.image;

/**
 * Bilinear resizing of NHWC images and its adjoint. Source coordinates and interpolation weights
 * are computed in float precision as TensorFlow computes them, so that the same source pixels are
 * picked; the interpolation itself runs in the data's precision.
 *
 * {@snippet :
 * var ys = ResizeBilinearKernel.Axis.of(7, 4, false, false);   // 4 rows stretched to 7
 * }
 */
final class ResizeBilinearKernel {
  private ResizeBilinearKernel() {}

  /** For each output index along one axis: the two source indices and the weight of the upper. */
  record Axis(int[] lower, int[] upper, float[] lerp) {
    static Axis of(int out, int in, boolean alignCorners, boolean halfPixelCenters) {
      float scale = alignCorners && out > 1 ? (in - 1) / (float) (out - 1) : in / (float) out;
      int[] lo = new int[out];
      int[] up = new int[out];
      float[] lerp = new float[out];
      for (int i = 0; i < out; i++) {
        float v = halfPixelCenters ? (i + 0.5f) * scale - 0.5f : i * scale;
        float f = (float) Math.floor(v);
        // half-pixel sources left of the first pixel clamp to it
        lo[i] = Math.max((int) f, 0);
        up[i] = Math.min((int) Math.ceil(v), in - 1);
        lerp[i] = v - f;
      }
      return new Axis(lo, up, lerp);
    }
  }

  static void resize(float[] in, int batch, int inH, int inW, int c, Axis ys, Axis xs,
      float[] out) {
    int outH = ys.lower().length;
    int outW = xs.lower().length;
    int o = 0;
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < outH; y++) {
        int top = (n * inH + ys.lower()[y]) * inW;
        int bottom = (n * inH + ys.upper()[y]) * inW;
        float yl = ys.lerp()[y];
        for (int x = 0; x < outW; x++) {
          int l = xs.lower()[x];
          int r = xs.upper()[x];
          float xl = xs.lerp()[x];
          for (int d = 0; d < c; d++) {
            float tl = in[(top + l) * c + d];
            float tr = in[(top + r) * c + d];
            float bl = in[(bottom + l) * c + d];
            float br = in[(bottom + r) * c + d];
            float t = tl + (tr - tl) * xl;
            float b = bl + (br - bl) * xl;
            out[o++] = t + (b - t) * yl;
          }
        }
      }
    }
  }

  static void resize(double[] in, int batch, int inH, int inW, int c, Axis ys, Axis xs,
      double[] out) {
    int outH = ys.lower().length;
    int outW = xs.lower().length;
    int o = 0;
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < outH; y++) {
        int top = (n * inH + ys.lower()[y]) * inW;
        int bottom = (n * inH + ys.upper()[y]) * inW;
        double yl = ys.lerp()[y];
        for (int x = 0; x < outW; x++) {
          int l = xs.lower()[x];
          int r = xs.upper()[x];
          double xl = xs.lerp()[x];
          for (int d = 0; d < c; d++) {
            double tl = in[(top + l) * c + d];
            double tr = in[(top + r) * c + d];
            double bl = in[(bottom + l) * c + d];
            double br = in[(bottom + r) * c + d];
            double t = tl + (tr - tl) * xl;
            double b = bl + (br - bl) * xl;
            out[o++] = t + (b - t) * yl;
          }
        }
      }
    }
  }

  /** Adds each output gradient to the four source pixels with their interpolation weights. */
  static void backward(double[] grad, int batch, int inH, int inW, int c, Axis ys, Axis xs,
      double[] dIn) {
    int outH = ys.lower().length;
    int outW = xs.lower().length;
    int o = 0;
    for (int n = 0; n < batch; n++) {
      for (int y = 0; y < outH; y++) {
        int top = (n * inH + ys.lower()[y]) * inW;
        int bottom = (n * inH + ys.upper()[y]) * inW;
        double yl = ys.lerp()[y];
        for (int x = 0; x < outW; x++) {
          int l = xs.lower()[x];
          int r = xs.upper()[x];
          double xl = xs.lerp()[x];
          for (int d = 0; d < c; d++) {
            double g = grad[o++];
            dIn[(top + l) * c + d] += g * (1 - yl) * (1 - xl);
            dIn[(top + r) * c + d] += g * (1 - yl) * xl;
            dIn[(bottom + l) * c + d] += g * yl * (1 - xl);
            dIn[(bottom + r) * c + d] += g * yl * xl;
          }
        }
      }
    }
  }
}
