package dev.rill.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how an Estimator runs, as {@code tf.estimator.RunConfig}.
 *
 * @param modelDir checkpoints and training event files go here; evaluation's go to
 *     {@code modelDir/eval}
 * @param saveCheckpointsSteps save every this many steps (0: use seconds instead)
 * @param saveCheckpointsSecs save at most this often, in seconds (0: only steps)
 * @param keepCheckpointMax newest checkpoints kept
 * @param logStepCountSteps log loss and global_step/sec every this many steps
 * @param randomSeed seed of initializers, dropout and shuffling
 * @param saveSummarySteps write TensorBoard summaries (loss, global_step/sec, the model's
 *     {@link Summaries}) into modelDir every this many steps (0: none)
 */
public record RunConfig(Path modelDir, int saveCheckpointsSteps, int saveCheckpointsSecs,
    int keepCheckpointMax, int logStepCountSteps, long randomSeed, int saveSummarySteps) {

  public static final int SAVE_CHECKPOINTS_SECS_DEFAULT = 600;
  public static final int KEEP_CHECKPOINT_MAX_DEFAULT = 5;
  public static final int LOG_STEP_COUNT_STEPS_DEFAULT = 100;
  public static final int SAVE_SUMMARY_STEPS_DEFAULT = 100;

  public RunConfig {
    Objects.requireNonNull(modelDir, "modelDir");
    if (saveCheckpointsSteps < 0 || saveCheckpointsSecs < 0 || keepCheckpointMax < 1
        || logStepCountSteps < 1 || saveSummarySteps < 0) {
      throw new IllegalArgumentException("RunConfig: expected non-negative save intervals, "
          + "keepCheckpointMax >= 1 and logStepCountSteps >= 1, got " + this);
    }
  }

  /** Summaries every {@value #SAVE_SUMMARY_STEPS_DEFAULT} steps, as TensorFlow's default. */
  public RunConfig(Path modelDir, int saveCheckpointsSteps, int saveCheckpointsSecs,
      int keepCheckpointMax, int logStepCountSteps, long randomSeed) {
    this(modelDir, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax,
        logStepCountSteps, randomSeed, SAVE_SUMMARY_STEPS_DEFAULT);
  }

  /**
   * TensorFlow's defaults: checkpoints every 600 s, keep 5, log and write summaries every 100
   * steps.
   */
  public static RunConfig of(Path modelDir, long seed) {
    return new RunConfig(modelDir, 0, SAVE_CHECKPOINTS_SECS_DEFAULT, KEEP_CHECKPOINT_MAX_DEFAULT,
        LOG_STEP_COUNT_STEPS_DEFAULT, seed);
  }

  public RunConfig withSaveCheckpointsSteps(int steps) {
    return new RunConfig(modelDir, steps, 0, keepCheckpointMax, logStepCountSteps, randomSeed,
        saveSummarySteps);
  }

  public RunConfig withLogStepCountSteps(int steps) {
    return new RunConfig(modelDir, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax,
        steps, randomSeed, saveSummarySteps);
  }

  /** Summaries every {@code steps} steps; 0 writes none during training. */
  public RunConfig withSaveSummarySteps(int steps) {
    return new RunConfig(modelDir, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax,
        logStepCountSteps, randomSeed, steps);
  }
}
