package dev.rill.train.hooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs {@code global_step/sec} every N steps, as {@code tf.train.StepCounterHook}, and keeps the
 * examples per second of the run after its first interval (the warm-up).
 */
public final class StepCounterHook implements Hook {
  private static final Logger LOG = LoggerFactory.getLogger(StepCounterHook.class);

  private final int everyNSteps;
  private long lastStep = -1;
  private long lastNanos;
  private long warmStep = -1;
  private long warmNanos;
  private long warmExamples;
  private long lastStepSeen;
  private long lastNanosSeen;
  private long examples;
  private double lastRate = Double.NaN;

  public StepCounterHook(int everyNSteps) {
    if (everyNSteps < 1) {
      throw new IllegalArgumentException("StepCounterHook: everyNSteps must be >= 1, got "
          + everyNSteps);
    }
    this.everyNSteps = everyNSteps;
  }

  @Override
  public void afterStep(StepResult step) {
    long now = System.nanoTime();
    examples += step.batchSize();
    lastStepSeen = step.globalStep();
    lastNanosSeen = now;
    if (lastStep < 0) {
      lastStep = step.globalStep();
      lastNanos = now;
      return;
    }
    if (step.globalStep() - lastStep >= everyNSteps) {
      lastRate = (step.globalStep() - lastStep) / ((now - lastNanos) / 1e9);
      LOG.info("global_step/sec: {}", String.format("%.4g", lastRate));
      if (warmStep < 0) {
        warmStep = step.globalStep();
        warmNanos = now;
        warmExamples = examples;
      }
      lastStep = step.globalStep();
      lastNanos = now;
    }
  }

  /** Steps per second over the last logged interval (NaN before the first). */
  public double lastRate() {
    return lastRate;
  }

  /**
   * Training examples per second from the end of the first interval (warm-up excluded) to the
   * last step; NaN if the run was too short to have a warm-up.
   */
  public double examplesPerSecond() {
    if (warmStep < 0 || lastStepSeen <= warmStep) {
      return Double.NaN;
    }
    return (examples - warmExamples) / ((lastNanosSeen - warmNanos) / 1e9);
  }
}
