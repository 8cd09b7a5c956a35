package dev.rill.io.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A training loop in miniature, run as a child JVM by {@link CrashDuringSaveTest}: resumes from
 * the newest checkpoint in a directory, then saves a checkpoint per step until it is killed.
 * Prints {@code ready} once resumed and {@code saved <step>} after each save returns.
 */
public final class CrashingSaver {
  private CrashingSaver() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    CheckpointManager m = new CheckpointManager(dir, "model.ckpt", 3);
    long step = m.restore().map(r -> r.tensors().get("global_step").longValue()).orElse(0L);
    System.out.println("ready " + step);
    System.out.flush();
    while (true) {
      step++;
      m.save(step, CheckpointManagerTest.tensorsFor(step, size));
      System.out.println("saved " + step);
      System.out.flush();
    }
  }
}
