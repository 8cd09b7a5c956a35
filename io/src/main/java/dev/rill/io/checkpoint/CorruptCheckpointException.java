package dev.rill.io.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file is damaged, truncated or not a checkpoint: a CRC does not match, a length runs
 * past the end, a magic number or a field holds a value the format does not allow. The message
 * names the file, the byte offset and what was expected there.
 *
 * {@snippet :
 * try (CheckpointReader r = CheckpointReader.open(prefix)) {
 *   r.readAll();
 * } catch (CorruptCheckpointException e) {
 *   log.warn("{} is damaged near byte {}", e.file(), e.offset());
 * }
 * }
 */
public class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  public CorruptCheckpointException(Path file, long offset, String expected) {
    this(file, offset, expected, null);
  }

  public CorruptCheckpointException(Path file, long offset, String expected, Throwable cause) {
    super(file + ": at byte " + offset + ": " + expected, cause);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }

  /** Where in {@link #file()} the damage was found (the start of the structure that failed). */
  public long offset() {
    return offset;
  }
}
