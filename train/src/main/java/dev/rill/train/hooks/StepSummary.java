package dev.rill.train.hooks;

import dev.rill.io.events.SummaryWriter;

/**
 * One summary a model function asked for during a training step (with
 * {@code dev.rill.train.Summaries}), waiting to be written by a hook such as
 * {@link SummarySaverHook}.
 */
@FunctionalInterface
public interface StepSummary {
  /** Writes this summary at {@code globalStep}. */
  void writeTo(SummaryWriter writer, long globalStep);
}
