package dev.rill.train.hooks;

import dev.rill.core.Tensor;
import dev.rill.io.events.SummaryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes TensorBoard summaries every N steps, as {@code tf.train.SummarySaverHook} in an
 * Estimator: the step's {@code loss}, {@code global_step/sec} since the previous write, and the
 * summaries the model function asked for (see {@link StepResult#summaries()}). Writes on the
 * first step of a {@code train} call, then whenever N more steps are done. Each call writes a new
 * event file, closed (so flushed) when the call ends; the Estimator adds this hook by default.
 *
 * {@snippet :
 * estimator.train(input, 1000, List.of(new SummarySaverHook(50, Path.of("logs/extra"))));
 * }
 */
public final class SummarySaverHook implements Hook {
  /** The tag of the training loss, as TensorFlow's Estimator writes it. */
  public static final String LOSS = "loss";
  /** The tag of the training speed, as TensorFlow's step counter writes it. */
  public static final String STEPS_PER_SEC = "global_step/sec";

  private final int everySteps;
  private final Path outputDir;
  private SummaryWriter writer;
  private long lastStep = -1;
  private long lastNanos;

  /** Summaries every {@code everySteps} steps into the model directory. */
  public SummarySaverHook(int everySteps) {
    this(everySteps, null);
  }

  /**
   * Summaries every {@code everySteps} steps into {@code outputDir} (the model directory if
   * null).
   */
  public SummarySaverHook(int everySteps, Path outputDir) {
    if (everySteps < 1) {
      throw new IllegalArgumentException("SummarySaverHook: everySteps must be >= 1, got "
          + everySteps);
    }
    this.everySteps = everySteps;
    this.outputDir = outputDir;
  }

  @Override
  public void begin(HookContext context) {
    Path dir = outputDir != null ? outputDir : context.modelDir();
    try {
      writer = SummaryWriter.create(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("SummarySaverHook: could not create an event file in " + dir,
          e);
    }
    lastStep = -1;
  }

  @Override
  public boolean wantsSummaries(long globalStep) {
    return lastStep < 0 || globalStep - lastStep >= everySteps;
  }

  @Override
  public void afterStep(StepResult step) {
    long now = System.nanoTime();
    long global = step.globalStep();
    if (!wantsSummaries(global)) {
      return;
    }
    Tensor loss = step.loss();
    if (loss != null && loss.shape().size() == 1) {
      writer.scalar(LOSS, loss.doubleValue(), global);
    }
    if (lastStep >= 0 && now > lastNanos) {
      writer.scalar(STEPS_PER_SEC, (global - lastStep) / ((now - lastNanos) / 1e9), global);
    }
    for (StepSummary s : step.summaries()) {
      s.writeTo(writer, global);
    }
    lastStep = global;
    lastNanos = now;
  }

  /** The event file of the current (or last) {@code train} call, or null before the first. */
  public Path file() {
    return writer == null ? null : writer.file();
  }

  @Override
  public void end(HookContext context) {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("SummarySaverHook: could not close " + writer.file(), e);
    }
  }
}
