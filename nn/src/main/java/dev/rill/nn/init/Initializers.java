package dev.rill.nn.init;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.RandomOps;
import dev.rill.nn.init.VarianceScaling.Distribution;
import dev.rill.nn.init.VarianceScaling.Mode;

/**
 * The initializers of {@code tf.keras.initializers} (which {@code tf.layers} uses). The no-argument
 * random ones take Keras' defaults (stddev or limit 0.05); TF1's {@code tf.*_initializer} defaults
 * (stddev 1, range [0, 1)) are the explicit-argument forms.
 *
 * {@snippet :
 * Initializer k = Initializers.glorotUniform();            // the tf.layers kernel default
 * Initializer w = Initializers.truncatedNormal(0, 0.1);    // tf.truncated_normal_initializer(stddev=0.1)
 * Initializer b = Initializers.constant(0.1);
 * }
 */
public final class Initializers {
  /** Keras' default stddev / limit for the plain random initializers. */
  public static final double KERAS_RANDOM_DEFAULT = 0.05;

  private Initializers() {}

  /** All zeros, any dtype. */
  public static Initializer zeros() {
    return (shape, dtype, rng) -> ArrayOps.zeros(shape, dtype);
  }

  /** All ones, any numeric dtype. */
  public static Initializer ones() {
    return (shape, dtype, rng) -> ArrayOps.ones(shape, dtype);
  }

  /** Every element {@code value}. */
  public static Initializer constant(double value) {
    return (shape, dtype, rng) -> ArrayOps.fill(shape, Tensor.scalarOf(dtype, value));
  }

  /** The given values (as many as the variable has elements), in row-major order. */
  public static Initializer constant(Tensor values) {
    return (shape, dtype, rng) -> {
      if (values.size() != shape.size()) {
        throw new InvalidArgumentException("constant initializer: " + values.size()
            + " values " + values.shape() + " for a variable of shape " + shape);
      }
      return ArrayOps.reshape(MathOps.cast(values, dtype), shape.dims());
    };
  }

  /** Uniform in [-0.05, 0.05), Keras' {@code RandomUniform()} ({@code "uniform"}). */
  public static Initializer randomUniform() {
    return randomUniform(-KERAS_RANDOM_DEFAULT, KERAS_RANDOM_DEFAULT);
  }

  /** Uniform in [minval, maxval). */
  public static Initializer randomUniform(double minval, double maxval) {
    if (!(minval < maxval)) {
      throw new InvalidArgumentException("random_uniform initializer: minval must be below "
          + "maxval, got minval=" + minval + ", maxval=" + maxval);
    }
    return (shape, dtype, rng) -> {
      requireFloating("random_uniform initializer", dtype);
      return RandomOps.uniform(shape, dtype, minval, maxval, rng);
    };
  }

  /** Normal with mean 0 and stddev 0.05, Keras' {@code RandomNormal()}. */
  public static Initializer randomNormal() {
    return randomNormal(0, KERAS_RANDOM_DEFAULT);
  }

  public static Initializer randomNormal(double mean, double stddev) {
    requireStddev("random_normal initializer", stddev);
    return (shape, dtype, rng) -> {
      requireFloating("random_normal initializer", dtype);
      return RandomOps.normal(shape, dtype, mean, stddev, rng);
    };
  }

  /** Normal with mean 0 and stddev 0.05 redrawn beyond two stddevs, Keras' default. */
  public static Initializer truncatedNormal() {
    return truncatedNormal(0, KERAS_RANDOM_DEFAULT);
  }

  /**
   * {@code mean + stddev * z}, z a standard normal redrawn outside (-2, 2): the result's stddev
   * is about {@code 0.88 * stddev}, as in TensorFlow.
   */
  public static Initializer truncatedNormal(double mean, double stddev) {
    requireStddev("truncated_normal initializer", stddev);
    return (shape, dtype, rng) -> {
      requireFloating("truncated_normal initializer", dtype);
      return RandomOps.truncatedNormal(shape, dtype, mean, stddev, rng);
    };
  }

  /** See {@link VarianceScaling}. */
  public static Initializer varianceScaling(double scale, Mode mode, Distribution distribution) {
    return new VarianceScaling(scale, mode, distribution);
  }

  /** Uniform in ±sqrt(6 / (fanIn + fanOut)): the default kernel initializer of tf.layers. */
  public static Initializer glorotUniform() {
    return new VarianceScaling(1, Mode.FAN_AVG, Distribution.UNIFORM);
  }

  /** Truncated normal with stddev sqrt(2 / (fanIn + fanOut)) after the truncation correction. */
  public static Initializer glorotNormal() {
    return new VarianceScaling(1, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
  }

  /** Truncated normal with stddev sqrt(2 / fanIn) after the truncation correction. */
  public static Initializer heNormal() {
    return new VarianceScaling(2, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
  }

  /** Uniform in ±sqrt(6 / fanIn). */
  public static Initializer heUniform() {
    return new VarianceScaling(2, Mode.FAN_IN, Distribution.UNIFORM);
  }

  /** Truncated normal with stddev sqrt(1 / fanIn) after the truncation correction. */
  public static Initializer lecunNormal() {
    return new VarianceScaling(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
  }

  /** Uniform in ±sqrt(3 / fanIn). */
  public static Initializer lecunUniform() {
    return new VarianceScaling(1, Mode.FAN_IN, Distribution.UNIFORM);
  }

  static void requireFloating(String who, DType dtype) {
    if (!dtype.isFloating()) {
      throw new InvalidArgumentException(who + ": dtype must be floating, got " + dtype);
    }
  }

  private static void requireStddev(String who, double stddev) {
    if (!(stddev >= 0)) {
      throw new InvalidArgumentException(who + ": stddev must be non-negative, got stddev="
          + stddev);
    }
  }
}
