package dev.rill.io.media;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes float audio in [-1, 1] as a 16-bit PCM WAV file with the plain 44-byte header, sample for
 * sample as TensorFlow's {@code EncodeWav}: each sample becomes
 * {@code clamp(round(x * 32768), -32768, 32767)}, rounding halves away from zero, so 1.0 saturates
 * at 32767 and -1.0 maps to -32768. NaN becomes 0.
 *
 * {@snippet :
 * float[] tone = new float[16000];
 * for (int i = 0; i < tone.length; i++) {
 *   tone[i] = 0.5f * (float) Math.sin(2 * Math.PI * 440 * i / 16000);
 * }
 * byte[] wav = WavEncoder.encode(tone, 1, 16000);   // one second of mono A4
 * }
 */
public final class WavEncoder {
  /** Bytes before the samples: RIFF header, {@code fmt } chunk and {@code data} chunk header. */
  public static final int HEADER_BYTES = 44;

  private WavEncoder() {}

  /**
   * Encodes {@code samples}, interleaved by frame ({@code [frames, channels]} row-major), at
   * {@code sampleRate} frames per second.
   */
  public static byte[] encode(float[] samples, int channels, int sampleRate) {
    if (channels < 1 || channels > 0xffff) {
      throw InvalidArgumentException.of("WavEncoder", "channels must be 1 to 65535, got "
          + channels);
    }
    if (sampleRate <= 0) {
      throw InvalidArgumentException.of("WavEncoder", "sample rate must be positive, got "
          + sampleRate);
    }
    if (samples.length % channels != 0) {
      throw InvalidArgumentException.of("WavEncoder", samples.length + " samples do not make "
          + "whole frames of " + channels + " channels");
    }
    long dataBytes = 2L * samples.length;
    long byteRate = 2L * channels * sampleRate;
    if (HEADER_BYTES + dataBytes > Integer.MAX_VALUE || byteRate > 0xffffffffL) {
      throw InvalidArgumentException.of("WavEncoder", "clip of " + samples.length + " samples at "
          + sampleRate + " Hz does not fit a WAV file");
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + (int) dataBytes)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
    b.putInt((int) (HEADER_BYTES - 8 + dataBytes));
    b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII));
    b.putInt(16);                               // fmt chunk size
    b.putShort((short) 1);                      // PCM
    b.putShort((short) channels);
    b.putInt(sampleRate);
    b.putInt((int) byteRate);
    b.putShort((short) (2 * channels));         // block align: bytes per frame
    b.putShort((short) 16);                     // bits per sample
    b.put("data".getBytes(StandardCharsets.US_ASCII));
    b.putInt((int) dataBytes);
    for (float x : samples) {
      b.putShort(sample(x));
    }
    return b.array();
  }

  /**
   * Encodes a float32 clip {@code [frames, channels]} (or {@code [frames]} for mono) at
   * {@code sampleRate} frames per second.
   */
  public static byte[] encode(Tensor audio, int sampleRate) {
    if (audio.dtype() != DType.FLOAT32 || audio.rank() < 1 || audio.rank() > 2) {
      throw InvalidArgumentException.of("WavEncoder", "expected a float32 [frames, channels] or "
          + "[frames] tensor, got " + audio.dtype() + audio.shape());
    }
    int channels = audio.rank() == 2 ? audio.shape().dim(1) : 1;
    if (channels == 0) {
      throw InvalidArgumentException.of("WavEncoder", "a clip needs at least one channel, got "
          + audio.shape());
    }
    return encode(audio.floatData(), channels, sampleRate);
  }

  /** One float sample as 16-bit PCM. */
  public static short sample(float x) {
    if (Float.isNaN(x)) {
      return 0;
    }
    // The product is rounded to float first, as TensorFlow computes it; halves go away from zero.
    double y = x * 32768f;
    double r = Math.copySign(Math.floor(Math.abs(y) + 0.5), y);
    return (short) Math.max(-32768, Math.min(32767, r));
  }
}
