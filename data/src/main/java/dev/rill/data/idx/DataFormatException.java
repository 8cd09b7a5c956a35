package dev.rill.data.idx;

import java.io.IOException;

/**
 * A data file is not what its format says it must be. The message names the file, the byte offset
 * where reading went wrong and what was expected there; both are also available as fields so that
 * callers can react without parsing the message.
 *
 * {@snippet :
 * try {
 *   Tensor images = IdxReader.read(Path.of("train-images-idx3-ubyte.gz"));
 * } catch (DataFormatException e) {
 *   System.err.println(e.file() + " is damaged at byte " + e.offset());
 * }
 * }
 *
 * <p>For a gzip-compressed file the offset counts bytes of the decompressed content.
 */
public class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final String problem;

  public DataFormatException(String file, long offset, String problem) {
    this(file, offset, problem, null);
  }

  public DataFormatException(String file, long offset, String problem, Throwable cause) {
    super(file + ": at byte " + offset + ": " + problem, cause);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** The file (or stream name) that is malformed. */
  public String file() {
    return file;
  }

  /** Where the problem is, in bytes from the start of the (decompressed) content. */
  public long offset() {
    return offset;
  }

  /** What was wrong and what was expected, without the file and offset. */
  public String problem() {
    return problem;
  }
}
