package dev.rill.io.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavEncoderTest {
  /** Every WAV in the golden event files, which TensorFlow encoded. */
  static List<JsonNode> goldenWavs() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : Golden.load("events/events.json").get("files")) {
      for (JsonNode e : f.get("decoded_events")) {
        if (e.has("summary")) {
          for (JsonNode v : e.get("summary").get("value")) {
            if (v.has("audio")) {
              out.add(v.get("audio"));
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void reEncodingTensorFlowsSamplesGivesTensorFlowsBytes() {
    List<JsonNode> wavs = goldenWavs();
    assertThat(wavs).hasSize(4);
    for (JsonNode a : wavs) {
      byte[] wav = Base64.getDecoder().decode(a.get("encoded_audio_string_base64").asText());
      ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
      float[] samples = new float[(wav.length - WavEncoder.HEADER_BYTES) / 2];
      for (int i = 0; i < samples.length; i++) {
        // DecodeWav's mapping, int16 / 32768, which EncodeWav inverts exactly.
        samples[i] = b.getShort(WavEncoder.HEADER_BYTES + 2 * i) / 32768f;
      }
      int channels = a.get("num_channels").asInt();
      int rate = (int) a.get("sample_rate").asDouble();
      assertThat(WavEncoder.encode(samples, channels, rate)).isEqualTo(wav);
    }
  }

  @Test
  void headerIsThePlain44ByteForm() {
    byte[] wav = WavEncoder.encode(new float[] {0, 0, 0, 0, 0, 0}, 2, 22050);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(ascii(wav, 0)).isEqualTo("RIFF");
    assertThat(b.getInt(4)).isEqualTo(36 + 12);
    assertThat(ascii(wav, 8)).isEqualTo("WAVE");
    assertThat(ascii(wav, 12)).isEqualTo("fmt ");
    assertThat(b.getInt(16)).isEqualTo(16);
    assertThat(b.getShort(20)).isEqualTo((short) 1);
    assertThat(b.getShort(22)).isEqualTo((short) 2);
    assertThat(b.getInt(24)).isEqualTo(22050);
    assertThat(b.getInt(28)).isEqualTo(22050 * 4);
    assertThat(b.getShort(32)).isEqualTo((short) 4);
    assertThat(b.getShort(34)).isEqualTo((short) 16);
    assertThat(ascii(wav, 36)).isEqualTo("data");
    assertThat(b.getInt(40)).isEqualTo(12);
    assertThat(wav).hasSize(56);
  }

  private static String ascii(byte[] b, int off) {
    return new String(b, off, 4, StandardCharsets.US_ASCII);
  }

  @Test
  void samplesScaleBy32768RoundHalvesAwayFromZeroAndSaturate() {
    assertThat(WavEncoder.sample(0f)).isEqualTo((short) 0);
    assertThat(WavEncoder.sample(1f)).isEqualTo((short) 32767);
    assertThat(WavEncoder.sample(-1f)).isEqualTo((short) -32768);
    assertThat(WavEncoder.sample(7f)).isEqualTo((short) 32767);
    assertThat(WavEncoder.sample(-7f)).isEqualTo((short) -32768);
    assertThat(WavEncoder.sample(Float.POSITIVE_INFINITY)).isEqualTo((short) 32767);
    assertThat(WavEncoder.sample(Float.NEGATIVE_INFINITY)).isEqualTo((short) -32768);
    assertThat(WavEncoder.sample(Float.NaN)).isEqualTo((short) 0);
    assertThat(WavEncoder.sample(0.5f / 32768)).isEqualTo((short) 1);
    assertThat(WavEncoder.sample(-0.5f / 32768)).isEqualTo((short) -1);
    assertThat(WavEncoder.sample(1.5f / 32768)).isEqualTo((short) 2);
    assertThat(WavEncoder.sample(0.49999997f / 32768)).isEqualTo((short) 0);
    assertThat(WavEncoder.sample(0.25f)).isEqualTo((short) 8192);
  }

  @Test
  void encodesFloatTensors() {
    Tensor stereo = Tensor.of(Shape.of(2, 2), 0.5f, -0.5f, 1f, -1f);
    byte[] wav = WavEncoder.encode(stereo, 8000);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(22)).isEqualTo((short) 2);
    assertThat(new short[] {b.getShort(44), b.getShort(46), b.getShort(48), b.getShort(50)})
        .containsExactly(16384, -16384, 32767, -32768);
    assertThat(WavEncoder.encode(Tensor.of(0f, 0f, 0f), 8000)).hasSize(44 + 6);
  }

  @Test
  void rejectsWhatWavCannotHold() {
    assertThatThrownBy(() -> WavEncoder.encode(new float[3], 2, 8000))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("whole frames");
    assertThatThrownBy(() -> WavEncoder.encode(new float[2], 0, 8000))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("channels");
    assertThatThrownBy(() -> WavEncoder.encode(new float[2], 1, 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sample rate");
    assertThatThrownBy(() -> WavEncoder.encode(Tensor.of(1, 2), 8000))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("float32");
  }
}
