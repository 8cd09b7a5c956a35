package dev.rill.train.hooks;

/** Stops at a global step, as {@code tf.train.StopAtStepHook}. */
public final class StopAtStepHook implements Hook {
  private final long numSteps;
  private long lastStep;

  private StopAtStepHook(long numSteps, long lastStep) {
    this.numSteps = numSteps;
    this.lastStep = lastStep;
  }

  /** Stops after {@code n} more steps from where training begins. */
  public static StopAtStepHook numSteps(long n) {
    return new StopAtStepHook(n, -1);
  }

  /** Stops when the global step reaches {@code step}. */
  public static StopAtStepHook lastStep(long step) {
    return new StopAtStepHook(-1, step);
  }

  @Override
  public void begin(HookContext context) {
    if (numSteps >= 0) {
      lastStep = context.globalStep() + numSteps;
    }
  }

  /** True if training is already at or past the last step (nothing to do). */
  public boolean done(long globalStep) {
    return lastStep >= 0 && globalStep >= lastStep;
  }

  @Override
  public void afterStep(StepResult step) {
    if (done(step.globalStep())) {
      step.requestStop();
    }
  }
}
