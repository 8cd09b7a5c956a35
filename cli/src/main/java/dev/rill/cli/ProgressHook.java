package dev.rill.cli;

import dev.rill.train.hooks.Hook;
import dev.rill.train.hooks.HookContext;
import dev.rill.train.hooks.StepResult;
import me.tongfei.progressbar.ProgressBar;

/** A training hook that drives a progress bar over the steps of one {@code train} call. */
final class ProgressHook implements Hook {
  private final String task;
  private final long lastStep;
  private ProgressBar bar;

  ProgressHook(String task, long lastStep) {
    this.task = task;
    this.lastStep = lastStep;
  }

  @Override
  public void begin(HookContext context) {
    bar = Progress.bar(task, Math.max(0, lastStep - context.globalStep()));
  }

  @Override
  public void afterStep(StepResult step) {
    bar.step();
  }

  @Override
  public void end(HookContext context) {
    bar.close();
  }
}
