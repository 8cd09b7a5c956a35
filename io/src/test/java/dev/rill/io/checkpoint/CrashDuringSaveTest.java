package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a saving child JVM (SIGKILL) at random moments, several times over the same directory:
 * afterwards the manager must always restore a complete checkpoint, at least as new as the last
 * save the child reported finished, with exactly that step's tensors.
 */
class CrashDuringSaveTest {
  private static final int ROUNDS = 4;
  /** 1M floats: a save takes long enough that kills often land in the middle of one. */
  private static final int SIZE = 1 << 20;

  @TempDir
  Path tmp;

  @Test
  void killingTheWriterNeverLeavesABrokenNewestCheckpoint() throws Exception {
    Path dir = tmp.resolve("model");
    SplittableRandom random = new SplittableRandom(7);
    long reported = 0;
    int midWrite = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path out = tmp.resolve("child-" + round + ".out");
      Process child = startChild(dir, out);
      try {
        awaitFirstSave(out);
        if (round % 2 == 0) {
          // Anywhere in the save loop.
          Thread.sleep(random.nextInt(0, 250));
        } else {
          // While a checkpoint file is being written (it exists only under a temporary name).
          awaitTemporaryFile(dir);
          Thread.sleep(random.nextInt(0, 3));
        }
      } finally {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      reported = Math.max(reported, lastSaved(out));
      try (var files = Files.list(dir)) {
        midWrite += files.anyMatch(f -> f.toString().contains(AtomicFiles.TEMP_MARK)) ? 1 : 0;
      }

      CheckpointManager m = new CheckpointManager(dir, "model.ckpt", 3);
      var restored = m.restore();
      assertThat(restored).as("round %d", round).isPresent();
      long step = restored.get().tensors().get("global_step").longValue();
      assertThat(step).as("round %d", round).isGreaterThanOrEqualTo(reported);
      Tensors.assertSame(restored.get().tensors(), CheckpointManagerTest.tensorsFor(step, SIZE));
      assertThat(m.latest()).contains(restored.get().prefix());
    }
    assertThat(midWrite).as("kills that left a half-written file").isPositive();
  }

  private static Process startChild(Path dir, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CrashingSaver.class.getName(), dir.toString(),
        Integer.toString(SIZE));
    return new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(new File(out + ".err")).start();
  }

  private static void awaitTemporaryFile(Path dir) throws IOException {
    for (int i = 0; i < 200_000; i++) {
      try (var files = Files.list(dir)) {
        if (files.anyMatch(f -> f.getFileName().toString().startsWith("model.ckpt-")
            && f.toString().contains(AtomicFiles.TEMP_MARK))) {
          return;
        }
      }
    }
  }

  private static void awaitFirstSave(Path out) throws IOException, InterruptedException {
    for (int i = 0; i < 3000; i++) {
      if (lastSaved(out) > 0) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the child did not start: " + Files.readString(
        Path.of(out + ".err")));
  }

  /** The last step the child reported as saved; a line the kill cut short does not count. */
  private static long lastSaved(Path out) throws IOException {
    String[] lines = Files.readString(out).split("\n", -1);
    long last = 0;
    // The final element follows the last newline: empty, or a partial line.
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].startsWith("saved ")) {
        last = Long.parseLong(lines[i].substring(6).strip());
      }
    }
    return last;
  }
}
