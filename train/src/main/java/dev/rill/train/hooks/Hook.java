package dev.rill.train.hooks;

/**
 * Called around training steps, as TensorFlow's {@code SessionRunHook}: logging, counting,
 * checkpointing, stopping.
 */
public interface Hook {
  /** Before the first step of a {@code train} call. */
  default void begin(HookContext context) {}

  /** After each step, with what it computed. A hook may ask to stop. */
  default void afterStep(StepResult step) {}

  /** After the last step of a {@code train} call (also when a hook asked to stop). */
  default void end(HookContext context) {}
}
