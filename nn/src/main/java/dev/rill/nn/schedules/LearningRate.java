package dev.rill.nn.schedules;

/**
 * A learning rate as a function of the global step: a constant, or a decay schedule from
 * {@link Schedules}. Optimizers evaluate it once per step with the step count before that step's
 * increment, as TF1's graph does.
 *
 * {@snippet :
 * LearningRate lr = LearningRate.constant(0.01);
 * LearningRate decayed = Schedules.exponentialDecay(0.1, 1000, 0.96, true);
 * double now = decayed.at(2500);   // 0.1 * 0.96^2
 * }
 */
@FunctionalInterface
public interface LearningRate {
  /** The rate at {@code globalStep} (0 for the first step). */
  double at(long globalStep);

  /** The same rate at every step. */
  static LearningRate constant(double rate) {
    if (!Double.isFinite(rate)) {
      throw new IllegalArgumentException("learning rate must be finite, got " + rate);
    }
    return step -> rate;
  }
}
