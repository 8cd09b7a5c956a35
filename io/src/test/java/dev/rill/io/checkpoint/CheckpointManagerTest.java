package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbered saves, max_to_keep, the state file, and falling back past damaged checkpoints. */
class CheckpointManagerTest {
  @TempDir
  Path dir;

  /** The tensors of step {@code step}: a global step, weights and strings derived from it. */
  static Map<String, Tensor> tensorsFor(long step, int size) {
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = step + i * 1e-3f;
    }
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("global_step", Tensor.scalar(step));
    m.put("dense/kernel", Tensor.of(Shape.of(size), w));
    m.put("vocab", Tensor.ofStrings(Shape.of(2), "step", Long.toString(step)));
    return m;
  }

  private List<String> files() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void keepsTheNewestAndNamesThemInTheStateFile() throws IOException {
    CheckpointManager m = new CheckpointManager(dir, "model.ckpt", 3);
    assertThat(m.latest()).isEmpty();
    assertThat(m.restore()).isEmpty();
    for (long step = 1; step <= 5; step++) {
      assertThat(m.save(step * 10, tensorsFor(step * 10, 4))).isEqualTo(dir.resolve(
          "model.ckpt-" + step * 10));
    }
    assertThat(files()).containsExactly("checkpoint",
        "model.ckpt-30.data-00000-of-00001", "model.ckpt-30.index",
        "model.ckpt-40.data-00000-of-00001", "model.ckpt-40.index",
        "model.ckpt-50.data-00000-of-00001", "model.ckpt-50.index");
    CheckpointState s = CheckpointState.read(dir).orElseThrow();
    assertThat(s.modelCheckpointPath()).isEqualTo("model.ckpt-50");
    assertThat(s.allModelCheckpointPaths())
        .containsExactly("model.ckpt-30", "model.ckpt-40", "model.ckpt-50");
    assertThat(s.allModelCheckpointTimestamps()).hasSize(3).isSorted();
    assertThat(Files.readString(dir.resolve("checkpoint"))).startsWith("""
        model_checkpoint_path: "model.ckpt-50"
        all_model_checkpoint_paths: "model.ckpt-30"
        """);
    assertThat(m.checkpoints()).containsExactly(dir.resolve("model.ckpt-30"),
        dir.resolve("model.ckpt-40"), dir.resolve("model.ckpt-50"));
    assertThat(m.latest()).contains(dir.resolve("model.ckpt-50"));
    assertThat(CheckpointManager.latestCheckpoint(dir)).contains(dir.resolve("model.ckpt-50"));
    CheckpointManager.Restored r = m.restore().orElseThrow();
    assertThat(r.prefix()).isEqualTo(dir.resolve("model.ckpt-50"));
    Tensors.assertSame(r.tensors(), tensorsFor(50, 4));
  }

  @Test
  void aNewManagerTakesOverTheCheckpointsOfAnEarlierRun() throws IOException {
    CheckpointManager first = new CheckpointManager(dir, "model.ckpt", 2);
    first.save(1, tensorsFor(1, 2));
    first.save(2, tensorsFor(2, 2));
    CheckpointManager second = new CheckpointManager(dir, "model.ckpt", 2);
    assertThat(second.checkpoints()).hasSize(2);
    second.save(3, tensorsFor(3, 2));
    assertThat(second.checkpoints()).containsExactly(dir.resolve("model.ckpt-2"),
        dir.resolve("model.ckpt-3"));
    assertThat(Files.exists(dir.resolve("model.ckpt-1.index"))).isFalse();
  }

  @Test
  void zeroKeepsEveryCheckpointAndSavingAStepAgainReplacesIt() throws IOException {
    CheckpointManager m = new CheckpointManager(dir, "ckpt", 0);
    for (long step = 0; step < 7; step++) {
      m.save(step, tensorsFor(step, 1));
    }
    m.save(3, tensorsFor(99, 1));
    assertThat(m.checkpoints()).hasSize(7).last().isEqualTo(dir.resolve("ckpt-3"));
    assertThat(m.latest()).contains(dir.resolve("ckpt-3"));
    Tensors.assertSame(m.restore().orElseThrow().tensors(), tensorsFor(99, 1));
  }

  @Test
  void fallsBackWhenTheNamedCheckpointIsMissingOrDamaged() throws IOException {
    CheckpointManager m = new CheckpointManager(dir, "model.ckpt", 5);
    for (long step = 1; step <= 4; step++) {
      m.save(step, tensorsFor(step, 8));
    }
    // Missing index: the state file still names step 4.
    Files.delete(dir.resolve("model.ckpt-4.index"));
    assertThat(m.latest()).contains(dir.resolve("model.ckpt-3"));
    // Truncated data: the index points past the end.
    try (RandomAccessFile f = new RandomAccessFile(
        dir.resolve("model.ckpt-3.data-00000-of-00001").toFile(), "rw")) {
      f.setLength(f.length() - 1);
    }
    assertThat(m.latest()).contains(dir.resolve("model.ckpt-2"));
    // A flipped bit in the data: the index checks out, so only reading finds it.
    Path data2 = dir.resolve("model.ckpt-2.data-00000-of-00001");
    byte[] b = Files.readAllBytes(data2);
    b[20] ^= 4;
    Files.write(data2, b);
    assertThat(m.latest()).contains(dir.resolve("model.ckpt-2"));
    CheckpointManager.Restored r = m.restore().orElseThrow();
    assertThat(r.prefix()).isEqualTo(dir.resolve("model.ckpt-1"));
    Tensors.assertSame(r.tensors(), tensorsFor(1, 8));
  }

  @Test
  void withoutAUsableStateFileTheHighestStepWins() throws IOException {
    CheckpointWriter.write(dir.resolve("model.ckpt-9"), tensorsFor(9, 1));
    CheckpointWriter.write(dir.resolve("model.ckpt-10"), tensorsFor(10, 1));
    assertThat(CheckpointManager.latestCheckpoint(dir)).contains(dir.resolve("model.ckpt-10"));
    Files.writeString(dir.resolve("checkpoint"), "this is not a text proto {");
    assertThat(CheckpointManager.latestCheckpoint(dir)).contains(dir.resolve("model.ckpt-10"));
    assertThat(CheckpointManager.latestCheckpoint(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void absolutePathsFromAMovedDirectoryStillResolve() throws IOException {
    CheckpointWriter.write(dir.resolve("model.ckpt-200"), tensorsFor(200, 1));
    Files.writeString(dir.resolve("checkpoint"), """
        model_checkpoint_path: "/somewhere/else/model.ckpt-200"
        all_model_checkpoint_paths: "/somewhere/else/model.ckpt-200"
        """);
    assertThat(CheckpointManager.latestCheckpoint(dir)).contains(dir.resolve("model.ckpt-200"));
  }

  @Test
  void savingClearsTemporaryFilesACrashLeftBehind() throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("model.ckpt-7.index.tmp-0123456789abcdef"), new byte[3]);
    Files.write(dir.resolve("checkpoint.tmp-00000000000000ff"), new byte[3]);
    Files.write(dir.resolve("other.tmp-1"), new byte[1]);
    new CheckpointManager(dir, "model.ckpt", 1).save(8, tensorsFor(8, 1));
    assertThat(files()).containsExactly("checkpoint", "model.ckpt-8.data-00000-of-00001",
        "model.ckpt-8.index", "other.tmp-1");
  }

  @Test
  void badArgumentsAreReported() {
    assertThatThrownBy(() -> new CheckpointManager(dir, "model.ckpt", -1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("CheckpointManager: ").hasMessageContaining("maxToKeep=-1");
    assertThatThrownBy(() -> new CheckpointManager(dir, "a/b", 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("prefix='a/b'");
  }
}
