package dev.rill.train.hooks;

/**
 * Saves checkpoints every N steps or every N seconds, and at the end of training, as
 * {@code tf.train.CheckpointSaverHook}.
 */
public final class CheckpointSaverHook implements Hook {
  private final int everySteps;
  private final int everySecs;
  private HookContext context;
  private long lastSavedStep = -1;
  private long lastSavedNanos;

  /** One of the two intervals must be positive; the other 0. */
  public CheckpointSaverHook(int everySteps, int everySecs) {
    if ((everySteps > 0) == (everySecs > 0)) {
      throw new IllegalArgumentException("CheckpointSaverHook: give exactly one of steps and secs, "
          + "got steps=" + everySteps + ", secs=" + everySecs);
    }
    this.everySteps = everySteps;
    this.everySecs = everySecs;
  }

  @Override
  public void begin(HookContext context) {
    this.context = context;
    this.lastSavedNanos = System.nanoTime();
    this.lastSavedStep = context.globalStep();
  }

  @Override
  public void afterStep(StepResult step) {
    long now = System.nanoTime();
    boolean first = step.globalStep() == 1;
    boolean due = everySteps > 0 ? step.globalStep() - lastSavedStep >= everySteps
        : now - lastSavedNanos >= everySecs * 1_000_000_000L;
    if (first || due) {
      save(step.globalStep(), now);
    }
  }

  @Override
  public void end(HookContext context) {
    long step = context.globalStep();
    if (step != lastSavedStep) {
      save(step, System.nanoTime());
    }
  }

  private void save(long step, long now) {
    context.saver().save(step);
    lastSavedStep = step;
    lastSavedNanos = now;
  }
}
