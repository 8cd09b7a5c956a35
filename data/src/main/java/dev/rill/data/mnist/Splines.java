package dev.rill.data.mnist;

import java.util.Arrays;

/**
 * Turns a stroke's control points into closely spaced points: a Catmull-Rom spline through each
 * run of points between corners, a straight line where a run has only two.
 */
final class Splines {
  private Splines() {}

  /** A growable list of points. */
  static final class Points {
    double[] xs = new double[256];
    double[] ys = new double[256];
    int n;

    void clear() {
      n = 0;
    }

    void add(double x, double y) {
      if (n == xs.length) {
        xs = Arrays.copyOf(xs, 2 * n);
        ys = Arrays.copyOf(ys, 2 * n);
      }
      xs[n] = x;
      ys[n] = y;
      n++;
    }
  }

  /**
   * Samples the stroke through {@code (cx[k], cy[k])} about every {@code step} units into
   * {@code out} (cleared first). The first and last points must be corners.
   */
  static void sample(double[] cx, double[] cy, boolean[] corner, double step, Points out) {
    out.clear();
    int m = cx.length;
    out.add(cx[0], cy[0]);
    int start = 0;
    for (int k = 1; k < m; k++) {
      if (corner[k]) {
        run(cx, cy, start, k, step, out);
        start = k;
      }
    }
  }

  /** The spline through points {@code from..to}, both ends treated as free ends. */
  private static void run(double[] cx, double[] cy, int from, int to, double step, Points out) {
    for (int i = from; i < to; i++) {
      double x1 = cx[i];
      double y1 = cy[i];
      double x2 = cx[i + 1];
      double y2 = cy[i + 1];
      // a free end continues its segment straight on: the mirror of the inner neighbour
      double x0 = i > from ? cx[i - 1] : 2 * x1 - x2;
      double y0 = i > from ? cy[i - 1] : 2 * y1 - y2;
      double x3 = i + 1 < to ? cx[i + 2] : 2 * x2 - x1;
      double y3 = i + 1 < to ? cy[i + 2] : 2 * y2 - y1;
      int steps = Math.max(1, (int) Math.ceil(Math.hypot(x2 - x1, y2 - y1) / step));
      for (int s = 1; s <= steps; s++) {
        double t = (double) s / steps;
        double t2 = t * t;
        double t3 = t2 * t;
        out.add(catmullRom(x0, x1, x2, x3, t, t2, t3), catmullRom(y0, y1, y2, y3, t, t2, t3));
      }
    }
  }

  private static double catmullRom(double p0, double p1, double p2, double p3, double t,
      double t2, double t3) {
    return 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
        + (3 * p1 - p0 - 3 * p2 + p3) * t3);
  }
}
