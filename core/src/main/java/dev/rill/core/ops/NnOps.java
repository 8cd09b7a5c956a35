package dev.rill.core.ops;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.nn.BatchNormOutputs;
import dev.rill.core.ops.nn.Dropout;
import dev.rill.core.ops.nn.Losses;
import dev.rill.core.ops.nn.Moments;
import dev.rill.core.ops.nn.Normalization;
import dev.rill.core.ops.nn.SoftmaxDefs;
import dev.rill.core.ops.random.Rng;

/**
 * Neural-network ops, named as {@code tf.nn}.
 *
 * {@snippet :
 * Tensor probs = NnOps.softmax(logits);
 * Tensor loss = ReduceOps.mean(NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, logits));
 * Tensor h = NnOps.dropout(hidden, 0.5, rng);
 * }
 */
public final class NnOps {
  private NnOps() {}

  // ---- activations, losses, normalization, dropout ----

  /** Softmax over the last axis: {@code exp(x) / sum(exp(x))}, computed without overflow. */
  public static Tensor softmax(Tensor x) {
    return Exec.run1(SoftmaxDefs.SOFTMAX, x);
  }

  /** Softmax over {@code axis}; only the last axis is supported for now. */
  public static Tensor softmax(Tensor x, int axis) {
    requireLastAxis("Softmax", x, axis);
    return softmax(x);
  }

  /** {@code x - log(sum(exp(x)))} over the last axis, computed without overflow. */
  public static Tensor logSoftmax(Tensor x) {
    return Exec.run1(SoftmaxDefs.LOG_SOFTMAX, x);
  }

  /** Log-softmax over {@code axis}; only the last axis is supported for now. */
  public static Tensor logSoftmax(Tensor x, int axis) {
    requireLastAxis("LogSoftmax", x, axis);
    return logSoftmax(x);
  }

  private static void requireLastAxis(String op, Tensor x, int axis) {
    int rank = x.rank();
    if (axis != -1 && axis != rank - 1) {
      throw InvalidArgumentException.of(op, "only the last axis is supported for now, got axis="
          + axis + " for shape " + x.shape());
    }
  }

  /**
   * Cross-entropy between label distributions and softmax(logits), over the last axis: logits and
   * labels [..., classes] give a loss [...] ({@code tf.nn.softmax_cross_entropy_with_logits}).
   * Gradients flow to both.
   */
  public static Tensor softmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return Losses.softmaxCrossEntropyWithLogits(labels, logits);
  }

  /**
   * Cross-entropy with class indices: int32 or int64 labels [...] in {@code [0, classes)} and
   * logits [..., classes] give a loss [...]. An index out of range is an error.
   */
  public static Tensor sparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return Losses.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
  }

  /** Elementwise logistic loss {@code max(x, 0) - x * z + log(1 + exp(-|x|))}. */
  public static Tensor sigmoidCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return Losses.sigmoidCrossEntropyWithLogits(labels, logits);
  }

  /** Mean and biased variance of x over {@code axes} ({@code tf.nn.moments}). */
  public static Moments moments(Tensor x, int[] axes, boolean keepDims) {
    return Normalization.moments(x, axes, keepDims);
  }

  /**
   * {@code scale * (x - mean) / sqrt(variance + epsilon) + offset} with broadcasting
   * ({@code tf.nn.batch_normalization}); offset and scale may be null.
   */
  public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor offset,
      Tensor scale, double epsilon) {
    return Normalization.batchNormalization(x, mean, variance, offset, scale, epsilon);
  }

  /**
   * Fused batch normalisation of NHWC x ({@code tf.compat.v1.nn.fused_batch_norm}). Training
   * normalises with the batch statistics (mean and variance may then be null); inference with the
   * given ones. Epsilon is raised to at least 1.001e-5, as TensorFlow does.
   */
  public static BatchNormOutputs fusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean,
      Tensor variance, double epsilon, boolean isTraining) {
    return Normalization.fusedBatchNorm(x, scale, offset, mean, variance, epsilon, isTraining, 1);
  }

  /**
   * Like {@link #fusedBatchNorm(Tensor, Tensor, Tensor, Tensor, Tensor, double, boolean)}; in
   * training the returned statistics are {@code (1 - f) * given + f * batch}.
   */
  public static BatchNormOutputs fusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean,
      Tensor variance, double epsilon, boolean isTraining, double exponentialAvgFactor) {
    return Normalization.fusedBatchNorm(x, scale, offset, mean, variance, epsilon, isTraining,
        exponentialAvgFactor);
  }

  /**
   * Keeps each element with probability {@code 1 - rate}, scaled by {@code 1 / (1 - rate)}
   * ({@code tf.nn.dropout}). The mask comes from stream 0 of {@code seed}: the same seed gives the
   * same mask every call; pass an {@link Rng} for a new mask per call.
   */
  public static Tensor dropout(Tensor x, double rate, long seed) {
    return Dropout.apply(x, rate, null, seed, RandomOps.STATELESS_COUNTER);
  }

  /** Dropout with a new mask from {@code rng} (its counter advances even when rate is 0). */
  public static Tensor dropout(Tensor x, double rate, Rng rng) {
    return dropout(x, rate, null, rng);
  }

  /** Dropout with a mask of {@code noiseShape} broadcast over x (1 = shared along that axis). */
  public static Tensor dropout(Tensor x, double rate, Shape noiseShape, long seed) {
    return Dropout.apply(x, rate, noiseShape, seed, RandomOps.STATELESS_COUNTER);
  }

  public static Tensor dropout(Tensor x, double rate, Shape noiseShape, Rng rng) {
    long counter = rng.nextCounter();
    return Dropout.apply(x, rate, noiseShape, rng.seed(), counter);
  }

  // ---- end activations, losses, normalization, dropout ----
}
