package dev.rill.core.ops.random;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.RandomOps;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded source of random tensors, like {@code tf.random.Generator}: each draw uses the next value
 * of a counter as its stream, so two draws differ, and a rerun with the same seed gives the same
 * sequence. Stream 0 belongs to the stateless functions of {@link RandomOps}; a new generator
 * starts at 1. Safe to share between threads (each draw takes its own counter value).
 *
 * {@snippet :
 * Rng rng = new Rng(42);
 * Tensor a = rng.uniform(Shape.of(2, 3), DType.FLOAT32);
 * Tensor b = rng.uniform(Shape.of(2, 3), DType.FLOAT32);   // different from a
 * // new Rng(42) draws the same a, then the same b
 * }
 */
public final class Rng {
  private final long seed;
  private final AtomicLong counter;

  /** A generator whose first draw uses stream 1 of {@code seed}. */
  public Rng(long seed) {
    this(seed, 1);
  }

  /** A generator whose next draw uses stream {@code counter} of {@code seed}. */
  public Rng(long seed, long counter) {
    this.seed = seed;
    this.counter = new AtomicLong(counter);
  }

  /** A generator with a seed from the operating system, for runs that need not repeat. */
  public static Rng fromEntropy() {
    return new Rng(new SecureRandom().nextLong());
  }

  public long seed() {
    return seed;
  }

  /** The stream the next draw will use. */
  public long counter() {
    return counter.get();
  }

  /** Takes a stream for one draw: returns the counter and advances it. */
  public long nextCounter() {
    return counter.getAndIncrement();
  }

  /** Uniform in [0, 1). */
  public Tensor uniform(Shape shape, DType dtype) {
    return RandomOps.uniform(shape, dtype, this);
  }

  /** Uniform in [minval, maxval); integer dtypes give integers. */
  public Tensor uniform(Shape shape, DType dtype, double minval, double maxval) {
    return RandomOps.uniform(shape, dtype, minval, maxval, this);
  }

  /** Standard normal. */
  public Tensor normal(Shape shape, DType dtype) {
    return RandomOps.normal(shape, dtype, this);
  }

  public Tensor normal(Shape shape, DType dtype, double mean, double stddev) {
    return RandomOps.normal(shape, dtype, mean, stddev, this);
  }

  /** Normal with values more than two standard deviations from the mean drawn again. */
  public Tensor truncatedNormal(Shape shape, DType dtype) {
    return RandomOps.truncatedNormal(shape, dtype, this);
  }

  public Tensor truncatedNormal(Shape shape, DType dtype, double mean, double stddev) {
    return RandomOps.truncatedNormal(shape, dtype, mean, stddev, this);
  }

  @Override
  public String toString() {
    return "Rng(seed=" + seed + ", counter=" + counter.get() + ")";
  }
}
