package dev.rill.data.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Builds WAV files sample by sample for tests, in any of the encodings the decoder reads. */
final class WavBytes {
  private WavBytes() {}

  /**
   * A WAV with {@code samples} (interleaved, already as raw integers or float bits) and, if
   * {@code extraChunk > 0}, a chunk of that many bytes before the data.
   */
  static byte[] wav(int format, int channels, int rate, int bits, long[] samples,
      boolean extensible, int extraChunk) {
    int bytes = bits / 8;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (long s : samples) {
      for (int i = 0; i < bytes; i++) {
        data.write((int) (s >> (8 * i)));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int fmtSize = extensible ? 40 : 16;
    ByteBuffer fmt = ByteBuffer.allocate(8 + fmtSize).order(ByteOrder.LITTLE_ENDIAN);
    fmt.put("fmt ".getBytes()).putInt(fmtSize).putShort((short) (extensible ? 0xFFFE : format))
        .putShort((short) channels).putInt(rate).putInt(rate * channels * bytes)
        .putShort((short) (channels * bytes)).putShort((short) bits);
    if (extensible) {
      fmt.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) format)
          .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
              (byte) 0x9B, 0x71});
    }
    ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    out.writeBytes(head.put("RIFF".getBytes()).putInt(0).put("WAVE".getBytes()).array());
    out.writeBytes(fmt.array());
    if (extraChunk > 0) {   // a chunk between fmt and data, padded to an even size
      out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put("LIST".getBytes())
          .putInt(extraChunk).array());
      byte[] body = new byte[extraChunk + (extraChunk & 1)];
      Arrays.fill(body, 0, extraChunk, (byte) 'x');
      out.writeBytes(body);
    }
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put("data".getBytes())
        .putInt(data.size()).array());
    out.writeBytes(data.toByteArray());
    byte[] b = out.toByteArray();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, b.length - 8);
    return b;
  }

  /** A 16-bit PCM file of interleaved samples. */
  static byte[] pcm16(int channels, int rate, int... samples) {
    long[] s = new long[samples.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = samples[i];
    }
    return wav(1, channels, rate, 16, s, false, 0);
  }
}
