package dev.rill.train.hooks;

import dev.rill.nn.VariableStore;
import java.nio.file.Path;

/**
 * What hooks see of the training run: its model directory, its variables, and a way to save a
 * checkpoint now.
 */
public record HookContext(Path modelDir, VariableStore store, Saver saver) {
  /** Saves a checkpoint of the store at the given global step. */
  @FunctionalInterface
  public interface Saver {
    void save(long globalStep);
  }

  public long globalStep() {
    return store.globalStep().value().longValue();
  }
}
