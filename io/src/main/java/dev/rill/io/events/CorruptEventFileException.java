package dev.rill.io.events;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An event file is damaged or truncated: a record's length or payload CRC does not match, the file
 * ends inside a record, or a payload is not an Event proto. The message names the file, the byte
 * offset of the record and what was wrong.
 *
 * {@snippet :
 * try {
 *   EventFileReader.readAll(file);
 * } catch (CorruptEventFileException e) {
 *   log.warn("{} is damaged in the record at byte {}", e.file(), e.offset());
 * }
 * }
 */
public class CorruptEventFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final boolean truncated;

  public CorruptEventFileException(Path file, long offset, String problem) {
    this(file, offset, problem, false, null);
  }

  /**
   * A damaged record; {@code truncated} when the file merely ends inside it (see
   * {@link #truncated()}).
   */
  public CorruptEventFileException(Path file, long offset, String problem, boolean truncated,
      Throwable cause) {
    super(file + ": record at byte " + offset + ": " + problem, cause);
    this.file = file;
    this.offset = offset;
    this.truncated = truncated;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }

  /** The byte offset of the record that failed. */
  public long offset() {
    return offset;
  }

  /**
   * Whether the file ends inside the record at {@link #offset()} while everything before it was
   * sound: the file was cut short, or a writer is still appending to it (TensorBoard keeps reading
   * such a file later, from that offset).
   */
  public boolean truncated() {
    return truncated;
  }
}
