package dev.rill.data.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** {@code DecodeWav} of TensorFlow 2.18 on {@code golden/ops/sine_noise_16k.wav}, exactly. */
class WavGoldenTest {
  @Test
  void matchesTensorFlowsDecodeWav() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/golden/ops/audio.json")) {
      root = new ObjectMapper().readTree(in);
    }
    JsonNode c = null;
    for (JsonNode n : root.get("cases")) {
      if (n.get("op").asText().equals("DecodeWav")) {
        c = n;
      }
    }
    byte[] wav;
    try (InputStream in = getClass().getResourceAsStream("/golden/ops/sine_noise_16k.wav")) {
      wav = in.readAllBytes();
    }
    assertThat(wav).hasSize(c.at("/inputs/contents/bytes").asInt());
    DecodedWav got = WavDecoder.decode(wav, "sine_noise_16k.wav",
        c.at("/attrs/desired_channels").asInt(), c.at("/attrs/desired_samples").asInt());
    JsonNode audio = c.at("/outputs/audio");
    assertThat(got.audio().shape().dims()).containsExactly(audio.get("shape").get(0).asInt(),
        audio.get("shape").get(1).asInt());
    JsonNode ints = audio.get("data_int16");
    float[] data = got.audio().floatData();
    assertThat(data).hasSize(ints.size());
    for (int i = 0; i < data.length; i++) {
      assertThat(data[i]).as("sample %d", i).isEqualTo(ints.get(i).asInt() / 32768f);
    }
    assertThat(got.sampleRate()).isEqualTo(c.at("/outputs/sample_rate").path("data").path(0)
        .asInt(c.at("/outputs/sample_rate").asInt()));
  }
}
