package dev.rill.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how an Estimator runs, as {@code tf.estimator.RunConfig}.
 *
 * @param modelDir checkpoints (and later event files) go here
 * @param saveCheckpointsSteps save every this many steps (0: use seconds instead)
 * @param saveCheckpointsSecs save at most this often, in seconds (0: only steps)
 * @param keepCheckpointMax newest checkpoints kept
 * @param logStepCountSteps log loss and global_step/sec every this many steps
 * @param randomSeed seed of initializers, dropout and shuffling
 */
public record RunConfig(Path modelDir, int saveCheckpointsSteps, int saveCheckpointsSecs,
    int keepCheckpointMax, int logStepCountSteps, long randomSeed) {

  public static final int SAVE_CHECKPOINTS_SECS_DEFAULT = 600;
  public static final int KEEP_CHECKPOINT_MAX_DEFAULT = 5;
  public static final int LOG_STEP_COUNT_STEPS_DEFAULT = 100;

  public RunConfig {
    Objects.requireNonNull(modelDir, "modelDir");
    if (saveCheckpointsSteps < 0 || saveCheckpointsSecs < 0 || keepCheckpointMax < 1
        || logStepCountSteps < 1) {
      throw new IllegalArgumentException("RunConfig: expected non-negative save intervals, "
          + "keepCheckpointMax >= 1 and logStepCountSteps >= 1, got " + this);
    }
  }

  /** TensorFlow's defaults: checkpoints every 600 s, keep 5, log every 100 steps. */
  public static RunConfig of(Path modelDir, long seed) {
    return new RunConfig(modelDir, 0, SAVE_CHECKPOINTS_SECS_DEFAULT, KEEP_CHECKPOINT_MAX_DEFAULT,
        LOG_STEP_COUNT_STEPS_DEFAULT, seed);
  }

  public RunConfig withSaveCheckpointsSteps(int steps) {
    return new RunConfig(modelDir, steps, 0, keepCheckpointMax, logStepCountSteps, randomSeed);
  }

  public RunConfig withLogStepCountSteps(int steps) {
    return new RunConfig(modelDir, saveCheckpointsSteps, saveCheckpointsSecs, keepCheckpointMax,
        steps, randomSeed);
  }
}
