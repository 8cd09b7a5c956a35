package dev.rill.data.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compares {@link WavDecoder} with TensorFlow's {@code DecodeWav} op on 16-bit PCM files. */
class WavOracleTest {
  @Test
  void desiredChannelsAndSamplesMatchTensorFlow() throws Exception {
    List<byte[]> files = List.of(
        WavBytes.pcm16(1, 16000, 1, -2, 300, -32768, 32767),
        WavBytes.pcm16(2, 8000, 10, 20, 30, 40, 50, 60),
        WavBytes.pcm16(3, 44100, 1, 2, 3, 4, 5, 6),
        WavBytes.wav(1, 2, 8000, 16, new long[] {7, -7, 9, -9}, false, 6));
    List<String> differences = new ArrayList<>();
    for (byte[] wav : files) {
      for (int channels : new int[] {-1, 1, 2, 4}) {
        for (int samples : new int[] {-1, 0, 2, 7}) {
          List<Tensor> tf = TfOracle.run("DecodeWav",
              List.of(Tensor.wrap(DType.STRING, Shape.scalar(), new byte[][] {wav})),
              Map.of("desired_channels", channels, "desired_samples", samples), 2);
          DecodedWav got = WavDecoder.decode(wav, "mem", channels, samples);
          if (!tf.get(0).shape().equals(got.audio().shape())
              || !Arrays.equals(tf.get(0).floatData(), got.audio().floatData())
              || tf.get(1).intData()[0] != got.sampleRate()) {
            differences.add("channels " + channels + " samples " + samples + ": TF "
                + tf.get(0).shape() + Arrays.toString(tf.get(0).floatData()) + ", Rill "
                + got.audio().shape() + Arrays.toString(got.audio().floatData()));
          }
        }
      }
    }
    assertThat(differences).isEmpty();
  }
}
