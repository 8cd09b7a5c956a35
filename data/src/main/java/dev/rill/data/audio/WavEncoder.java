package dev.rill.data.audio;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes float32 [frames, channels] audio as a 16-bit PCM WAV file, the counterpart of
 * {@link WavDecoder}: each sample is clamped to [-1, 1], scaled by 32767 and rounded, so a 16-bit
 * file decoded and re-encoded keeps its samples except -32768, which comes back as -32767.
 *
 * {@snippet :
 * byte[] wav = WavEncoder.pcm16(clip.audio(), 16000);
 * }
 */
public final class WavEncoder {
  private WavEncoder() {}

  /** The bytes of a 16-bit PCM WAV file holding {@code audio} at {@code sampleRate} Hz. */
  public static byte[] pcm16(Tensor audio, int sampleRate) {
    if (audio.dtype() != DType.FLOAT32 || audio.rank() != 2) {
      throw new IllegalArgumentException("WavEncoder: expected float32 [frames, channels], got "
          + audio.spec());
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("WavEncoder: sampleRate must be positive, got "
          + sampleRate);
    }
    int frames = audio.shape().dim(0);
    int channels = audio.shape().dim(1);
    float[] x = audio.floatData();
    int data = x.length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + data).put(new byte[] {'W', 'A', 'V', 'E'});
    b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1)
        .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * 2)
        .putShort((short) (channels * 2)).putShort((short) 16);
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data);
    for (int i = 0; i < frames * channels; i++) {
      float v = Math.max(-1f, Math.min(1f, x[i]));
      b.putShort((short) Math.round(v * 32767f));
    }
    return b.array();
  }
}
