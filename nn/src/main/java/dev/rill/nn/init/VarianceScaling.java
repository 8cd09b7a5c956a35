package dev.rill.nn.init;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.RandomOps;
import dev.rill.core.ops.random.Rng;

/**
 * {@code tf.keras.initializers.VarianceScaling}: values with variance {@code scale / n}, where
 * {@code n} is the fan-in, the fan-out or their mean ({@link Fans}). Glorot, He and LeCun
 * initializers are special cases.
 *
 * <ul>
 *   <li>{@code TRUNCATED_NORMAL}: a normal cut at two standard deviations, its stddev divided by
 *       0.87962566103423978 (the stddev of a standard normal truncated to (-2, 2)) so the result
 *       still has variance {@code scale / n};
 *   <li>{@code UNTRUNCATED_NORMAL}: a normal with stddev {@code sqrt(scale / n)};
 *   <li>{@code UNIFORM}: uniform in {@code [-limit, limit)}, {@code limit = sqrt(3 * scale / n)}.
 * </ul>
 *
 * {@snippet :
 * Initializer he = new VarianceScaling(2.0, VarianceScaling.Mode.FAN_IN,
 *     VarianceScaling.Distribution.TRUNCATED_NORMAL);
 * }
 *
 * @param scale the variance multiplier, positive
 * @param mode which fan divides the scale
 * @param distribution the shape of the distribution
 */
public record VarianceScaling(double scale, Mode mode, Distribution distribution)
    implements Initializer {
  /** The stddev of a standard normal truncated to (-2, 2). */
  public static final double TRUNCATED_STDDEV = 0.87962566103423978;

  /** Which fan the scale is divided by. */
  public enum Mode { FAN_IN, FAN_OUT, FAN_AVG }

  /** The distribution values are drawn from. */
  public enum Distribution { TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM }

  public VarianceScaling {
    if (!(scale > 0)) {
      throw new InvalidArgumentException("VarianceScaling: scale must be positive, got scale="
          + scale);
    }
    if (mode == null || distribution == null) {
      throw new InvalidArgumentException("VarianceScaling: mode and distribution are required, "
          + "got mode=" + mode + ", distribution=" + distribution);
    }
  }

  @Override
  public Tensor apply(Shape shape, DType dtype, Rng rng) {
    Initializers.requireFloating("VarianceScaling", dtype);
    double variance = scale / Math.max(1, fan(Fans.of(shape)));
    return switch (distribution) {
      case TRUNCATED_NORMAL -> RandomOps.truncatedNormal(shape, dtype, 0,
          Math.sqrt(variance) / TRUNCATED_STDDEV, rng);
      case UNTRUNCATED_NORMAL -> RandomOps.normal(shape, dtype, 0, Math.sqrt(variance), rng);
      case UNIFORM -> {
        double limit = Math.sqrt(3 * variance);
        yield RandomOps.uniform(shape, dtype, -limit, limit, rng);
      }
    };
  }

  private double fan(Fans f) {
    return switch (mode) {
      case FAN_IN -> f.fanIn();
      case FAN_OUT -> f.fanOut();
      case FAN_AVG -> f.fanAvg();
    };
  }
}
