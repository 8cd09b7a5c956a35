package dev.rill.io.tfrecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A TFRecord stream is damaged: a length or payload CRC does not match, the stream ends inside a
 * record, or the gzip/zlib stream around the records is broken. The message names the file, the
 * byte offset of the record (in the uncompressed stream, which for {@link Compression#NONE} is the
 * file offset), and what was expected there.
 *
 * {@snippet :
 * try (TfRecordReader r = TfRecordReader.open(path)) {
 *   for (TfRecord rec; (rec = r.read()) != null; ) { ... }
 * } catch (CorruptRecordException e) {
 *   log.warn("{} damaged at byte {}: {}", e.source(), e.offset(), e.problem());
 * }
 * }
 */
public class CorruptRecordException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What failed. */
  public enum Problem {
    /** The 4-byte masked CRC-32C of the 8 length bytes does not match: the length is untrusted. */
    LENGTH_CRC,
    /** The masked CRC-32C after the payload does not match the payload. */
    DATA_CRC,
    /** The stream ends inside a record's header, payload or footer. */
    TRUNCATED,
    /**
     * The length is verified but larger than a Java array holds (2^31 - 9 bytes); such a file
     * could only come from another tool, and the reader stops there.
     */
    TOO_LARGE,
    /** The gzip or zlib stream around the records is malformed. */
    COMPRESSED_STREAM;

    /** True if the reader knows where the next record starts and can step over this one. */
    public boolean resumable() {
      return this == DATA_CRC;
    }
  }

  private final transient Path file;
  private final String source;
  private final long offset;
  private final long recordIndex;
  private final Problem problem;

  /**
   * A damaged record; the message reads {@code <source>: record <index> at byte <offset>:
   * <problem>: <expected>}.
   *
   * @param source the file (or stream) name used in the message
   * @param file the damaged file, or null when reading a bare stream
   * @param compressed whether the stream was gzip/zlib compressed (offsets then count
   *     uncompressed bytes)
   * @param offset byte offset of the record's first header byte, uncompressed
   * @param recordIndex zero-based position of the record in the stream
   * @param problem what failed
   * @param expected what the reader expected to find there
   * @param cause the decompressor's exception, or null
   */
  public CorruptRecordException(String source, Path file, boolean compressed, long offset,
      long recordIndex, Problem problem, String expected, Throwable cause) {
    super(source + ": record " + recordIndex + " at " + (compressed ? "uncompressed byte " : "byte ")
        + offset + ": " + problem + ": " + expected, cause);
    this.file = file;
    this.source = source;
    this.offset = offset;
    this.recordIndex = recordIndex;
    this.problem = problem;
  }

  /** The damaged file, or null when the reader was given a bare stream. */
  public Path file() {
    return file;
  }

  /** The name of the damaged file or stream, as used in the message. */
  public String source() {
    return source;
  }

  /** Byte offset of the damaged record's first header byte, in the uncompressed stream. */
  public long offset() {
    return offset;
  }

  /** Zero-based index of the damaged record in the stream (counting damaged ones). */
  public long recordIndex() {
    return recordIndex;
  }

  /** What failed. */
  public Problem problem() {
    return problem;
  }
}
