package dev.rill.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.media.WavEncoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavDecoderTest {
  @Test
  void sixteenBitSamplesAreDividedBy32768() throws Exception {
    DecodedWav w = WavDecoder.decode(WavBytes.pcm16(2, 8000, 0, -32768, 32767, 16384), "mem");
    assertThat(w.sampleRate()).isEqualTo(8000);
    assertThat(w.audio().shape()).isEqualTo(Shape.of(2, 2));
    assertThat(w.audio().floatData()).containsExactly(0f, -1f, 32767f / 32768f, 0.5f);
    assertThat(w.sampleRateTensor().intData()).containsExactly(8000);
  }

  @Test
  void desiredChannelsRepeatTheLastChannelOrDropExtraOnes() throws Exception {
    byte[] stereo = WavBytes.pcm16(2, 8000, 100, 200, 300, 400);
    assertThat(WavDecoder.decode(stereo, "mem", 3, -1).audio().floatData())
        .containsExactly(f(100), f(200), f(200), f(300), f(400), f(400));
    assertThat(WavDecoder.decode(stereo, "mem", 1, -1).audio().floatData())
        .containsExactly(f(100), f(300));
    byte[] mono = WavBytes.pcm16(1, 8000, 5, 6);
    assertThat(WavDecoder.decode(mono, "mem", 2, -1).audio().floatData())
        .containsExactly(f(5), f(5), f(6), f(6));
  }

  @Test
  void desiredSamplesPadWithZerosOrCut() throws Exception {
    byte[] mono = WavBytes.pcm16(1, 16000, 1, 2, 3);
    Tensor padded = WavDecoder.decode(mono, "mem", -1, 5).audio();
    assertThat(padded.shape()).isEqualTo(Shape.of(5, 1));
    assertThat(padded.floatData()).containsExactly(f(1), f(2), f(3), 0f, 0f);
    assertThat(WavDecoder.decode(mono, "mem", -1, 2).audio().floatData())
        .containsExactly(f(1), f(2));
    assertThat(WavDecoder.decode(mono, "mem", -1, 0).audio().shape()).isEqualTo(Shape.of(0, 1));
  }

  @Test
  void otherEncodingsAreScaledIntoMinusOneToOne() throws Exception {
    assertThat(decode(1, 8, false, 0, 128, 255)).containsExactly(-1f, 0f, 127f / 128f);
    assertThat(decode(1, 24, false, -8388608, 4194304)).containsExactly(-1f, 0.5f);
    assertThat(decode(1, 32, true, Integer.MIN_VALUE, 1 << 30)).containsExactly(-1f, 0.5f);
    assertThat(decode(3, 32, false, Float.floatToIntBits(0.25f), Float.floatToIntBits(-0.75f)))
        .containsExactly(0.25f, -0.75f);
    assertThat(decode(3, 32, true, Float.floatToIntBits(0.125f))).containsExactly(0.125f);
  }

  @Test
  void unknownChunksAreSkippedWithTheirPadding() throws Exception {
    byte[] b = WavBytes.wav(1, 1, 8000, 16, new long[] {7, -7}, false, 3);
    assertThat(WavDecoder.decode(b, "mem").audio().floatData()).containsExactly(f(7), f(-7));
  }

  @Test
  void truncationAndBadHeadersNameTheSourceAndOffset() {
    byte[] ok = WavBytes.pcm16(1, 8000, 1, 2, 3, 4);
    WavFormatException e = catchThrowableOfType(WavFormatException.class,
        () -> WavDecoder.decode(Arrays.copyOf(ok, ok.length - 1), "clip.wav"));
    assertThat(e.file()).isEqualTo("clip.wav");
    assertThat(e.offset()).isEqualTo(40);   // the data chunk's size field
    assertThat(e.problem()).contains("promises 8 bytes but only 7 remain");

    byte[] notRiff = ok.clone();
    notRiff[0] = 'X';
    assertThat(catchThrowableOfType(WavFormatException.class,
        () -> WavDecoder.decode(notRiff, "clip.wav")).offset()).isZero();

    byte[] adpcm = ok.clone();
    adpcm[20] = 2;
    assertThat(catchThrowableOfType(WavFormatException.class,
        () -> WavDecoder.decode(adpcm, "clip.wav")).problem()).contains("format tag 2");

    byte[] badAlign = ok.clone();
    badAlign[32] = 3;
    assertThat(catchThrowableOfType(WavFormatException.class,
        () -> WavDecoder.decode(badAlign, "clip.wav")).offset()).isEqualTo(32);

    assertThat(catchThrowableOfType(WavFormatException.class,
        () -> WavDecoder.decode(Arrays.copyOf(ok, 30), "clip.wav")).problem())
        .contains("'fmt '");
    assertThat(catchThrowableOfType(WavFormatException.class,
        () -> WavDecoder.decode(Arrays.copyOf(ok, 40), "clip.wav")).problem())
        .contains("before a 'data' chunk");
  }

  @Test
  void decodesWhatTheEncoderOfAudioSummariesWrites() throws Exception {
    // io's encoder is TensorFlow's EncodeWav: x * 32768 rounded, clamped to 16 bits
    Tensor audio = Tensor.of(Shape.of(3, 2), 0f, 0.5f, -0.25f, 1f, -1f, 2f);
    DecodedWav w = WavDecoder.decode(WavEncoder.encode(audio, 22050), "mem");
    assertThat(w.sampleRate()).isEqualTo(22050);
    assertThat(w.audio().shape()).isEqualTo(Shape.of(3, 2));
    assertThat(w.audio().floatData()).containsExactly(0f, f(16384), f(-8192), f(32767), f(-32768),
        f(32767));
  }

  private static float f(int s) {
    return s / 32768f;
  }

  private static float[] decode(int format, int bits, boolean extensible, long... samples)
      throws Exception {
    return WavDecoder.decode(WavBytes.wav(format, 1, 8000, bits, samples, extensible, 0),
        "mem").audio().floatData();
  }
}
