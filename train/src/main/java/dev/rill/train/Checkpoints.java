package dev.rill.train;

import dev.rill.io.checkpoint.CheckpointManager;
import dev.rill.nn.VariableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Estimator's checkpoints: TensorFlow's V2 files named {@code model.ckpt-<step>}. */
final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  static final String PREFIX = "model.ckpt";

  private final Path dir;
  private final int keep;

  Checkpoints(Path dir, int keep) {
    this.dir = dir;
    this.keep = keep;
  }

  private CheckpointManager manager() throws IOException {
    return new CheckpointManager(dir, PREFIX, keep);
  }

  /** Saves every variable of the store; written atomically, so a crash leaves the last one. */
  void save(long step, VariableStore store) {
    LOG.info("Saving checkpoints for {} into {}.", step, dir.resolve(PREFIX));
    try {
      manager().save(step, store.snapshot());
    } catch (IOException e) {
      throw new UncheckedIOException("could not save checkpoint " + step + " in " + dir, e);
    }
  }

  /** Loads the newest checkpoint into the store; does nothing if there is none. */
  void restoreLatest(VariableStore store) throws IOException {
    Optional<CheckpointManager.Restored> restored = manager().restore();
    if (restored.isPresent()) {
      LOG.info("Restoring parameters from {}", restored.get().prefix());
      store.restore(restored.get().tensors());
    }
  }

  /** The newest checkpoint's prefix, or null. */
  String latestPrefix() {
    try {
      return manager().latest().map(Path::toString).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
