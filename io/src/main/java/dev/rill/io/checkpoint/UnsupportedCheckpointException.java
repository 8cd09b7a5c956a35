package dev.rill.io.checkpoint;

import java.io.IOException;

/**
 * A well-formed checkpoint holds something Rill cannot load: a dtype Rill has no tensor type for
 * (bfloat16, int16, …), a partitioned-variable slice, big-endian data, or a newer format version.
 *
 * {@snippet :
 * try {
 *   reader.read("mixed_precision/kernel");
 * } catch (UnsupportedCheckpointException e) {
 *   // e.getMessage() names the tensor and what it holds
 * }
 * }
 */
public class UnsupportedCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnsupportedCheckpointException(String message) {
    super(message);
  }
}
