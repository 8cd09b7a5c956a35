package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code checkpoint} text file, in the text-proto form TensorFlow writes and reads. */
class CheckpointStateTest {
  @TempDir
  Path tmp;

  @Test
  void writesTensorFlowsTextFormat() throws IOException {
    new CheckpointState("model.ckpt-20", List.of("model.ckpt-10", "model.ckpt-20"), List.of(),
        0).write(tmp);
    assertThat(Files.readString(tmp.resolve("checkpoint"))).isEqualTo("""
        model_checkpoint_path: "model.ckpt-20"
        all_model_checkpoint_paths: "model.ckpt-10"
        all_model_checkpoint_paths: "model.ckpt-20"
        """);
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint");
    }
  }

  @Test
  void readsWhatTf1AndTf2Write() throws IOException {
    // TF1 Saver writes absolute paths by default; TF2 CheckpointManager adds timestamps.
    Files.writeString(tmp.resolve("checkpoint"), """
        model_checkpoint_path: "/old/place/model.ckpt-200"
        all_model_checkpoint_paths: "/old/place/model.ckpt-100"
        all_model_checkpoint_paths: "/old/place/model.ckpt-200"
        all_model_checkpoint_timestamps: 1700000000.25
        all_model_checkpoint_timestamps: 1.7000001e+09
        last_preserved_timestamp: 1699999999.5
        """);
    CheckpointState s = CheckpointState.read(tmp).orElseThrow();
    assertThat(s.modelCheckpointPath()).isEqualTo("/old/place/model.ckpt-200");
    assertThat(s.allModelCheckpointPaths()).containsExactly("/old/place/model.ckpt-100",
        "/old/place/model.ckpt-200");
    assertThat(s.allModelCheckpointTimestamps()).containsExactly(1700000000.25, 1.7000001e9);
    assertThat(s.lastPreservedTimestamp()).isEqualTo(1699999999.5);
    assertThat(CheckpointState.resolve(tmp, "model.ckpt-1")).isEqualTo(tmp.resolve("model.ckpt-1"));
    assertThat(CheckpointState.resolve(tmp, "/a/b")).isEqualTo(Path.of("/a/b"));
    // What Rill writes, Rill reads back unchanged (timestamps included).
    s.write(tmp);
    assertThat(CheckpointState.read(tmp)).contains(s);
  }

  @Test
  void aMissingFileIsEmptyAndABrokenOneCorrupt() throws IOException {
    assertThat(CheckpointState.read(tmp)).isEmpty();
    Files.writeString(tmp.resolve("checkpoint"), "model_checkpoint_path: \"a\"\nbogus: 3\n");
    assertThatThrownBy(() -> CheckpointState.read(tmp))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("checkpoint: at byte 27").hasMessageContaining("bogus");
    Files.writeString(tmp.resolve("checkpoint"), "all_model_checkpoint_paths: \"a\"\n");
    assertThatThrownBy(() -> CheckpointState.read(tmp))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("model_checkpoint_path");
  }
}
