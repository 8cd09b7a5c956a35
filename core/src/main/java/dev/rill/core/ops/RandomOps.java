package dev.rill.core.ops;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.random.RandomDefs;
import dev.rill.core.ops.random.Rng;

/**
 * Random tensors, named as {@code tf.random}. Every function takes its randomness explicitly:
 * either a {@code long seed} (stateless: the same seed always gives the same tensor) or an
 * {@link Rng}, which hands each call a new stream so successive calls differ but a rerun repeats.
 * Values depend only on the seed, the stream and the element index, never on the thread count.
 *
 * {@snippet :
 * Tensor w = RandomOps.truncatedNormal(Shape.of(784, 10), DType.FLOAT32, 0, 0.1, 42);
 * Rng rng = new Rng(7);
 * Tensor noise = RandomOps.uniform(Shape.of(3), DType.FLOAT32, -1, 1, rng);
 * }
 */
public final class RandomOps {
  /** The stream stateless functions use; an {@link Rng} starts after it. */
  public static final long STATELESS_COUNTER = 0;

  private RandomOps() {}

  // ---- uniform ----

  /** Uniform in [0, 1) (floating dtypes only). */
  public static Tensor uniform(Shape shape, DType dtype, long seed) {
    return uniform(shape, dtype, 0, 1, seed, STATELESS_COUNTER, false);
  }

  public static Tensor uniform(Shape shape, DType dtype, Rng rng) {
    return uniform(shape, dtype, 0, 1, rng.seed(), rng.nextCounter(), false);
  }

  /**
   * Uniform in [minval, maxval). For int32 or int64 the values are integers and
   * {@code minval < maxval} is required, as {@code tf.random.uniform}.
   */
  public static Tensor uniform(Shape shape, DType dtype, double minval, double maxval, long seed) {
    return uniform(shape, dtype, minval, maxval, seed, STATELESS_COUNTER, true);
  }

  public static Tensor uniform(Shape shape, DType dtype, double minval, double maxval, Rng rng) {
    return uniform(shape, dtype, minval, maxval, rng.seed(), rng.nextCounter(), true);
  }

  /** Uniform integers in [minval, maxval), int32 or int64, with exact 64-bit bounds. */
  public static Tensor uniformInt(Shape shape, DType dtype, long minval, long maxval, long seed) {
    return uniformInt(shape, dtype, minval, maxval, seed, STATELESS_COUNTER);
  }

  public static Tensor uniformInt(Shape shape, DType dtype, long minval, long maxval, Rng rng) {
    return uniformInt(shape, dtype, minval, maxval, rng.seed(), rng.nextCounter());
  }

  // ---- normal ----

  /** Standard normal. */
  public static Tensor normal(Shape shape, DType dtype, long seed) {
    return scaled(RandomDefs.RANDOM_STANDARD_NORMAL, shape, dtype, 0, 1, seed, STATELESS_COUNTER);
  }

  public static Tensor normal(Shape shape, DType dtype, Rng rng) {
    return scaled(RandomDefs.RANDOM_STANDARD_NORMAL, shape, dtype, 0, 1, rng.seed(),
        rng.nextCounter());
  }

  /** {@code mean + stddev * standard normal}. */
  public static Tensor normal(Shape shape, DType dtype, double mean, double stddev, long seed) {
    return scaled(RandomDefs.RANDOM_STANDARD_NORMAL, shape, dtype, mean, stddev, seed,
        STATELESS_COUNTER);
  }

  public static Tensor normal(Shape shape, DType dtype, double mean, double stddev, Rng rng) {
    return scaled(RandomDefs.RANDOM_STANDARD_NORMAL, shape, dtype, mean, stddev, rng.seed(),
        rng.nextCounter());
  }

  // ---- truncated normal ----

  /** Standard normal restricted to (-2, 2): values outside are drawn again. */
  public static Tensor truncatedNormal(Shape shape, DType dtype, long seed) {
    return scaled(RandomDefs.TRUNCATED_NORMAL, shape, dtype, 0, 1, seed, STATELESS_COUNTER);
  }

  public static Tensor truncatedNormal(Shape shape, DType dtype, Rng rng) {
    return scaled(RandomDefs.TRUNCATED_NORMAL, shape, dtype, 0, 1, rng.seed(), rng.nextCounter());
  }

  /** {@code mean + stddev * z} with z standard normal restricted to (-2, 2). */
  public static Tensor truncatedNormal(Shape shape, DType dtype, double mean, double stddev,
      long seed) {
    return scaled(RandomDefs.TRUNCATED_NORMAL, shape, dtype, mean, stddev, seed,
        STATELESS_COUNTER);
  }

  public static Tensor truncatedNormal(Shape shape, DType dtype, double mean, double stddev,
      Rng rng) {
    return scaled(RandomDefs.TRUNCATED_NORMAL, shape, dtype, mean, stddev, rng.seed(),
        rng.nextCounter());
  }

  // ---- composition ----

  private static Tensor uniform(Shape shape, DType dtype, double minval, double maxval, long seed,
      long counter, boolean bounded) {
    if (dtype == DType.INT32 || dtype == DType.INT64) {
      if (!bounded) {
        throw InvalidArgumentException.of("RandomUniformInt", "an integer dtype (" + dtype
            + ") needs minval and maxval");
      }
      if (minval != Math.rint(minval) || maxval != Math.rint(maxval)) {
        throw InvalidArgumentException.of("RandomUniformInt", "minval and maxval must be "
            + "integers for " + dtype + ", got minval=" + minval + " and maxval=" + maxval);
      }
      return uniformInt(shape, dtype, (long) minval, (long) maxval, seed, counter);
    }
    Tensor unit = Exec.run1(RandomDefs.RANDOM_UNIFORM, attrs(shape, dtype, seed, counter));
    if (minval == 0 && maxval == 1) {
      return unit;
    }
    return MathOps.add(MathOps.mul(unit, unit.like(maxval - minval)), unit.like(minval));
  }

  private static Tensor uniformInt(Shape shape, DType dtype, long minval, long maxval, long seed,
      long counter) {
    if (dtype != DType.INT32 && dtype != DType.INT64) {
      throw InvalidArgumentException.of("RandomUniformInt", "dtype must be int32 or int64, got "
          + dtype);
    }
    if (dtype == DType.INT32 && (minval != (int) minval || maxval != (int) maxval)) {
      throw InvalidArgumentException.of("RandomUniformInt", "minval=" + minval + " and maxval="
          + maxval + " must fit in int32");
    }
    Tensor lo = dtype == DType.INT32 ? Tensor.scalar((int) minval) : Tensor.scalar(minval);
    Tensor hi = dtype == DType.INT32 ? Tensor.scalar((int) maxval) : Tensor.scalar(maxval);
    return Exec.run1(RandomDefs.RANDOM_UNIFORM_INT, attrs(shape, dtype, seed, counter), lo, hi);
  }

  private static Tensor scaled(OpDef<RandomDefs.Attrs> op, Shape shape, DType dtype, double mean,
      double stddev, long seed, long counter) {
    Tensor z = Exec.run1(op, attrs(shape, dtype, seed, counter));
    if (mean == 0 && stddev == 1) {
      return z;
    }
    return MathOps.add(MathOps.mul(z, z.like(stddev)), z.like(mean));
  }

  private static RandomDefs.Attrs attrs(Shape shape, DType dtype, long seed, long counter) {
    return new RandomDefs.Attrs(shape.dims(), dtype, seed, counter);
  }
}
