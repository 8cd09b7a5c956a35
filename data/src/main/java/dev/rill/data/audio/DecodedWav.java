package dev.rill.data.audio;

import dev.rill.core.Tensor;

/**
 * What {@link WavDecoder} returns, as TensorFlow's {@code DecodeWav} op does.
 *
 * @param audio float32 [frames, channels], samples scaled into [-1, 1)
 * @param sampleRate frames per second, from the header
 */
public record DecodedWav(Tensor audio, int sampleRate) {
  public int frames() {
    return audio.shape().dim(0);
  }

  public int channels() {
    return audio.shape().dim(1);
  }

  /** The sample rate as an int32 scalar, like the op's second output. */
  public Tensor sampleRateTensor() {
    return Tensor.scalar(sampleRate);
  }
}
