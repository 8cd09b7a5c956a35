package dev.rill.io.events;

import dev.rill.io.MaskedCrc32c;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TFRecord framing of one payload: {@code uint64 length | masked crc32c(length) | payload |
 * masked crc32c(payload)}, little-endian. Event files are TFRecord streams of Event protos.
 */
final class RecordFraming {
  /** Bytes before the payload. */
  static final int HEADER_BYTES = 12;
  /** Bytes after the payload. */
  static final int FOOTER_BYTES = 4;

  private RecordFraming() {}

  /** The framed record holding {@code payload}. */
  static byte[] frame(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length + FOOTER_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(payload.length);
    b.putInt(MaskedCrc32c.maskedCrc(b.array(), 0, 8));
    b.put(payload);
    b.putInt(MaskedCrc32c.maskedCrc(payload, 0, payload.length));
    return b.array();
  }
}
