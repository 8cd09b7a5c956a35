package dev.rill.train.hooks;

/**
 * Called around training steps, as TensorFlow's {@code SessionRunHook}: logging, counting,
 * checkpointing, stopping.
 */
public interface Hook {
  /** Before the first step of a {@code train} call. */
  default void begin(HookContext context) {}

  /**
   * Whether this hook wants the model's summaries of the step that will reach {@code globalStep}
   * (see {@link StepResult#summaries()}); the model function's summary calls cost nothing on
   * steps no hook wants them for.
   */
  default boolean wantsSummaries(long globalStep) {
    return false;
  }

  /** After each step, with what it computed. A hook may ask to stop. */
  default void afterStep(StepResult step) {}

  /** After the last step of a {@code train} call (also when a hook asked to stop). */
  default void end(HookContext context) {}
}
