package dev.rill.data.mnist;

/**
 * Draws thick anti-aliased polylines into a small grey canvas: each pixel takes the darkest ink of
 * any segment near it, with a linear ramp of {@code 2 * soft} pixels at the stroke's edge, so
 * overlapping segments never add up to blotches.
 */
final class StrokeRaster {
  private final int width;
  private final int height;
  private final float[] ink;

  StrokeRaster(int width, int height) {
    this.width = width;
    this.height = height;
    this.ink = new float[width * height];
  }

  void clear() {
    java.util.Arrays.fill(ink, 0f);
  }

  /**
   * Draws the polyline through {@code (xs[i], ys[i])}, {@code i < n}, whose half-width at point i
   * is {@code radius[i]} pixels. Pixel (px, py) covers [px, px+1) x [py, py+1).
   */
  void polyline(double[] xs, double[] ys, double[] radius, int n, double soft) {
    if (n == 1) {
      segment(xs[0], ys[0], xs[0], ys[0], radius[0], radius[0], soft);
    }
    for (int i = 0; i + 1 < n; i++) {
      segment(xs[i], ys[i], xs[i + 1], ys[i + 1], radius[i], radius[i + 1], soft);
    }
  }

  private void segment(double ax, double ay, double bx, double by, double ra, double rb,
      double soft) {
    double reach = Math.max(ra, rb) + soft;
    int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - reach));
    int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(ax, bx) + reach));
    int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - reach));
    int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(ay, by) + reach));
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double inv = len2 > 1e-12 ? 1 / len2 : 0;
    double ramp = 1 / (2 * soft);
    for (int py = y0; py <= y1; py++) {
      double cy = py + 0.5 - ay;
      int row = py * width;
      for (int px = x0; px <= x1; px++) {
        double cx = px + 0.5 - ax;
        double t = (cx * dx + cy * dy) * inv;
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double ex = cx - t * dx;
        double ey = cy - t * dy;
        double d2 = ex * ex + ey * ey;
        if (d2 >= reach * reach) {
          continue;
        }
        double r = ra + t * (rb - ra);
        double v = (r + soft - Math.sqrt(d2)) * ramp;
        if (v > 0) {
          float f = v >= 1 ? 1f : (float) v;
          if (f > ink[row + px]) {
            ink[row + px] = f;
          }
        }
      }
    }
  }

  /**
   * Copies the canvas into {@code out[offset..]} as 0..255, stretched so that its darkest ink is
   * 255: a thin pen still saturates its stroke's centre, as every MNIST digit does.
   */
  void toBytes(byte[] out, int offset) {
    float max = 0;
    for (float v : ink) {
      max = Math.max(max, v);
    }
    double scale = max > 0 ? 255.0 / max : 0;
    for (int i = 0; i < ink.length; i++) {
      out[offset + i] = (byte) Math.round(ink[i] * scale);
    }
  }
}
