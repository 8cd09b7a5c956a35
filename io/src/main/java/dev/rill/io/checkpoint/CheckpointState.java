package dev.rill.io.checkpoint;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The text file {@code checkpoint} that TensorFlow keeps beside a model's checkpoints: the newest
 * prefix and every kept one, oldest first, usually relative to the directory. Read and written as
 * TensorFlow's {@code CheckpointState} text proto, so {@code tf.train.latest_checkpoint} and
 * Rill read each other's.
 *
 * {@snippet :
 * // model_checkpoint_path: "model.ckpt-2000"
 * // all_model_checkpoint_paths: "model.ckpt-1000"
 * // all_model_checkpoint_paths: "model.ckpt-2000"
 * CheckpointState s = CheckpointState.read(dir).orElseThrow();
 * Path newest = s.resolve(dir, s.modelCheckpointPath());   // dir/model.ckpt-2000
 * }
 *
 * @param modelCheckpointPath the newest checkpoint prefix
 * @param allModelCheckpointPaths every kept prefix, oldest first
 * @param allModelCheckpointTimestamps seconds since the epoch, one per kept prefix (may be empty)
 * @param lastPreservedTimestamp seconds since the epoch of the last checkpoint kept for good
 */
public record CheckpointState(String modelCheckpointPath, List<String> allModelCheckpointPaths,
    List<Double> allModelCheckpointTimestamps, double lastPreservedTimestamp) {
  /** The file's name inside the checkpoint directory. */
  public static final String FILE_NAME = "checkpoint";

  public CheckpointState {
    allModelCheckpointPaths = List.copyOf(allModelCheckpointPaths);
    allModelCheckpointTimestamps = List.copyOf(allModelCheckpointTimestamps);
  }

  /**
   * Reads {@code dir/checkpoint}; empty if there is none.
   *
   * @throws CorruptCheckpointException if the file is not a CheckpointState text proto or names
   *     no checkpoint
   */
  public static Optional<CheckpointState> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CorruptCheckpointException(file, 0, "expected UTF-8 text", e);
    }
    dev.rill.io.proto.CheckpointState.Builder b = dev.rill.io.proto.CheckpointState.newBuilder();
    try {
      TextFormat.merge(text, b);
    } catch (TextFormat.ParseException e) {
      throw new CorruptCheckpointException(file, offsetOf(text, e.getLine(), e.getColumn()),
          "expected a CheckpointState text proto: " + e.getMessage(), e);
    }
    if (b.getModelCheckpointPath().isEmpty()) {
      throw new CorruptCheckpointException(file, 0, "expected a model_checkpoint_path");
    }
    return Optional.of(new CheckpointState(b.getModelCheckpointPath(),
        b.getAllModelCheckpointPathsList(), b.getAllModelCheckpointTimestampsList(),
        b.getLastPreservedTimestamp()));
  }

  /** Writes {@code dir/checkpoint} atomically: a temporary file, synced, then renamed. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(FILE_NAME), toText().getBytes(StandardCharsets.UTF_8));
  }

  /** The text proto, one field per line, as TensorFlow writes it. */
  public String toText() {
    return TextFormat.printer().printToString(dev.rill.io.proto.CheckpointState.newBuilder()
        .setModelCheckpointPath(modelCheckpointPath)
        .addAllAllModelCheckpointPaths(allModelCheckpointPaths)
        .addAllAllModelCheckpointTimestamps(allModelCheckpointTimestamps)
        .setLastPreservedTimestamp(lastPreservedTimestamp)
        .build());
  }

  /** {@code path} as stored in the file, made absolute against the directory if relative. */
  public static Path resolve(Path dir, String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : dir.resolve(p);
  }

  /** The character offset of a 1-based line and column, as TextFormat reports them. */
  private static long offsetOf(String text, int line, int column) {
    long offset = 0;
    int l = 1;
    while (l < line && offset < text.length()) {
      int nl = text.indexOf('\n', (int) offset);
      if (nl < 0) {
        break;
      }
      offset = nl + 1;
      l++;
    }
    return Math.min(text.length(), offset + Math.max(column - 1, 0));
  }
}
