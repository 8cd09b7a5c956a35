package dev.rill.nn.schedules;

/**
 * TF1's learning-rate decay functions ({@code tf.compat.v1.train.*_decay}) as
 * {@link LearningRate}s. TensorFlow computes them in float32 (the dtype of a Python-float learning
 * rate), with the step cast to float32; so do these, so the rates match TensorFlow's bit for bit
 * up to the last rounding of {@code pow}, {@code exp} and {@code cos}.
 *
 * {@snippet :
 * // CIFAR-10: 0.1, times 0.1 every 350 epochs' worth of steps, stepwise
 * LearningRate lr = Schedules.exponentialDecay(0.1, 350 * 390, 0.1, true);
 * // PTB-style boundaries
 * LearningRate pw = Schedules.piecewiseConstant(new long[] {1000, 2000}, new double[] {1, 0.5, 0.1});
 * }
 */
public final class Schedules {
  /** {@code polynomial_decay}'s default final rate. */
  public static final double END_LEARNING_RATE_DEFAULT = 0.0001;

  private Schedules() {}

  /**
   * {@code lr * rate^(step / decaySteps)}, with the exponent floored when {@code staircase}
   * ({@code tf.train.exponential_decay}).
   */
  public static LearningRate exponentialDecay(double learningRate, long decaySteps,
      double decayRate, boolean staircase) {
    checkSteps("exponential_decay", decaySteps);
    float lr = (float) learningRate;
    float rate = (float) decayRate;
    float steps = (float) decaySteps;
    return step -> {
      float p = (float) step / steps;
      if (staircase) {
        p = (float) Math.floor(p);
      }
      return lr * pow(rate, p);
    };
  }

  /**
   * {@code lr * exp(-rate * step / decaySteps)} ({@code tf.train.natural_exp_decay}), which
   * TensorFlow computes as an exponential decay with base {@code exp(-rate)}.
   */
  public static LearningRate naturalExpDecay(double learningRate, long decaySteps,
      double decayRate, boolean staircase) {
    return exponentialDecay(learningRate, decaySteps, (float) Math.exp(-(float) decayRate),
        staircase);
  }

  /**
   * {@code lr / (1 + rate * step / decaySteps)}, the quotient floored when {@code staircase}
   * ({@code tf.train.inverse_time_decay}).
   */
  public static LearningRate inverseTimeDecay(double learningRate, long decaySteps,
      double decayRate, boolean staircase) {
    checkSteps("inverse_time_decay", decaySteps);
    float lr = (float) learningRate;
    float rate = (float) decayRate;
    float steps = (float) decaySteps;
    return step -> {
      float p = (float) step / steps;
      if (staircase) {
        p = (float) Math.floor(p);
      }
      return lr / (1f + rate * p);
    };
  }

  /**
   * {@code values[0]} up to and including {@code boundaries[0]}, {@code values[i]} for
   * {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary
   * ({@code tf.train.piecewise_constant}).
   */
  public static LearningRate piecewiseConstant(long[] boundaries, double[] values) {
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("piecewise_constant: expected " + (boundaries.length + 1)
          + " values for " + boundaries.length + " boundaries, got " + values.length);
    }
    for (int i = 1; i < boundaries.length; i++) {
      if (boundaries[i] < boundaries[i - 1]) {
        throw new IllegalArgumentException("piecewise_constant: boundaries must be sorted, got "
            + java.util.Arrays.toString(boundaries));
      }
    }
    long[] b = boundaries.clone();
    float[] v = new float[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) values[i];
    }
    return step -> {
      int i = 0;
      while (i < b.length && step > b[i]) {
        i++;
      }
      return v[i];
    };
  }

  /** {@link #polynomialDecay(double, long, double, double, boolean)} to 1e-4, linear, no cycle. */
  public static LearningRate polynomialDecay(double learningRate, long decaySteps) {
    return polynomialDecay(learningRate, decaySteps, END_LEARNING_RATE_DEFAULT, 1.0, false);
  }

  /**
   * {@code (lr - end) * (1 - step / decaySteps)^power + end} with the step held at
   * {@code decaySteps} afterwards, or, when {@code cycle}, {@code decaySteps} stretched to the next
   * multiple above the step ({@code tf.train.polynomial_decay}).
   */
  public static LearningRate polynomialDecay(double learningRate, long decaySteps,
      double endLearningRate, double power, boolean cycle) {
    checkSteps("polynomial_decay", decaySteps);
    float lr = (float) learningRate;
    float end = (float) endLearningRate;
    float pw = (float) power;
    float steps = (float) decaySteps;
    return step -> {
      float s = (float) step;
      float d = steps;
      if (cycle) {
        float multiplier = s == 0f ? 1f : (float) Math.ceil(s / steps);
        d = steps * multiplier;
      } else {
        s = Math.min(s, steps);
      }
      float p = s / d;
      return (lr - end) * pow(1f - p, pw) + end;
    };
  }

  /** {@link #cosineDecay(double, long, double)} down to 0. */
  public static LearningRate cosineDecay(double learningRate, long decaySteps) {
    return cosineDecay(learningRate, decaySteps, 0.0);
  }

  /**
   * {@code lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)}
   * ({@code tf.train.cosine_decay}).
   */
  public static LearningRate cosineDecay(double learningRate, long decaySteps, double alpha) {
    checkSteps("cosine_decay", decaySteps);
    float lr = (float) learningRate;
    float a = (float) alpha;
    float steps = (float) decaySteps;
    float pi = (float) Math.PI;
    return step -> {
      float fraction = Math.min((float) step, steps) / steps;
      float cosine = 0.5f * (1f + (float) Math.cos(pi * fraction));
      return lr * ((1f - a) * cosine + a);
    };
  }

  private static float pow(float base, float exponent) {
    return (float) Math.pow(base, exponent);
  }

  private static void checkSteps(String what, long decaySteps) {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException(what + ": decay_steps must be positive, got "
          + decaySteps);
    }
  }
}
