package dev.rill.io.events;

import dev.rill.core.InvalidArgumentException;
import dev.rill.io.proto.HistogramProto;
import java.util.Arrays;

/**
 * Histograms with TensorFlow's fixed bucket layout, so that TensorBoard shows Rill's histograms as
 * it shows TensorFlow's: bucket limits grow by a factor 1.1 from 1e-12 to 1e20, mirrored for
 * negative values, with 0 and ±{@code Double.MAX_VALUE} as the outer limits. A bucket counts the
 * values below its limit and at or above the previous one; runs of empty buckets are written as
 * one, as TensorFlow writes them.
 */
final class Histograms {
  /** Every bucket's upper limit, ascending. */
  private static final double[] LIMITS = limits();

  private Histograms() {}

  private static double[] limits() {
    double[] positive = new double[1000];
    int k = 0;
    // Repeated multiplication in double, as TensorFlow computes them; a closed form differs in
    // the last bits.
    for (double v = 1e-12; v < 1e20; v *= 1.1) {
      positive[k++] = v;
    }
    double[] limits = new double[2 * k + 3];
    limits[0] = -Double.MAX_VALUE;
    for (int i = 0; i < k; i++) {
      limits[1 + i] = -positive[k - 1 - i];
      limits[k + 2 + i] = positive[i];
    }
    limits[k + 1] = 0.0;
    limits[2 * k + 2] = Double.MAX_VALUE;
    return limits;
  }

  /** The histogram of {@code values}, which must be finite. */
  static HistogramProto of(double[] values) {
    double[] counts = new double[LIMITS.length];
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double sum = 0;
    double sumSquares = 0;
    for (double x : values) {
      if (!Double.isFinite(x)) {
        throw InvalidArgumentException.of("SummaryWriter.histogram",
            "values must be finite, got " + x);
      }
      counts[bucket(x)] += 1;
      // Plain comparisons, not Math.min/max, so that -0.0 and 0.0 count as equal.
      if (x < min) {
        min = x;
      }
      if (x > max) {
        max = x;
      }
      sum += x;
      sumSquares += x * x;
    }
    HistogramProto.Builder h = HistogramProto.newBuilder()
        .setMin(min).setMax(max).setNum(values.length).setSum(sum).setSumSquares(sumSquares);
    int i = 0;
    while (i < counts.length) {
      double end = LIMITS[i];
      double count = counts[i];
      i++;
      if (count <= 0) {
        // A run of empty buckets becomes one, ending at the run's last limit.
        while (i < counts.length && counts[i] <= 0) {
          end = LIMITS[i];
          count = counts[i];
          i++;
        }
      }
      h.addBucketLimit(end).addBucket(count);
    }
    return h.build();
  }

  /** The first bucket whose limit is above {@code x}. */
  private static int bucket(double x) {
    // binarySearch orders -0.0 before 0.0; TensorFlow's comparison treats them as equal.
    int i = Arrays.binarySearch(LIMITS, x == 0 ? 0.0 : x);
    // On an exact hit the value belongs to the next bucket (limits are exclusive upper bounds).
    return i >= 0 ? i + 1 : -i - 1;
  }
}
