package dev.rill.io.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.media.PngEncoder;
import dev.rill.io.media.WavEncoder;
import dev.rill.io.proto.HistogramProto;
import dev.rill.io.proto.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/**
 * TensorFlow as the oracle: its record reader reads Rill's event files and its Event proto parses
 * every record; its PNG and WAV decoders read Rill's images and clips; its TF1 summary ops give
 * the same histograms, image pixels and WAV bytes as Rill's writer for the same inputs.
 */
class TensorFlowEventsInteropTest {
  @TempDir
  Path tmp;

  static float[] randomFloats(int n, long seed, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return f;
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void tensorFlowReadsEveryRecordRillWrote() throws Exception {
    Path file;
    Tensor image = Tensor.ofUint8(Shape.of(2, 3, 4, 3), randomBytes(72, 1));
    Tensor clip = Tensor.of(Shape.of(50, 2), randomFloats(100, 2, 1.2));
    try (SummaryWriter w = SummaryWriter.create(tmp)) {
      file = w.file();
      for (int step = 0; step < 5; step++) {
        w.scalar("loss", 1.0 / (step + 1), step);
      }
      w.histogram("weights", Tensor.of(randomFloats(200, 3, 4)), 5);
      w.image("input", image, 5);
      w.audio("clip", clip, 11025, 6);
      w.text("notes", "**ok** 日本", 7);
    }
    List<byte[]> records = TfEvents.records(file);
    assertThat(records).hasSize(10);
    List<Event> events = new ArrayList<>();
    for (byte[] r : records) {
      events.add(Event.parseFrom(r));
    }
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(events.get(0).getWallTime()).isEqualTo(Math.rint(events.get(0).getWallTime()));
    for (int step = 0; step < 5; step++) {
      Event e = events.get(1 + step);
      assertThat(e.getStep()).isEqualTo(step);
      assertThat(e.getSummary().getValue(0).getTag()).isEqualTo("loss");
      assertThat(e.getSummary().getValue(0).getSimpleValue()).isEqualTo((float) (1.0 / (step + 1)));
    }
    org.tensorflow.proto.HistogramProto h = events.get(6).getSummary().getValue(0).getHisto();
    assertThat(h.getNum()).isEqualTo(200.0);
    assertThat(h.getBucketList().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(200.0);

    List<org.tensorflow.proto.Summary.Value> images = events.get(7).getSummary().getValueList();
    assertThat(images).extracting(org.tensorflow.proto.Summary.Value::getTag)
        .containsExactly("input/image/0", "input/image/1");
    for (int i = 0; i < 2; i++) {
      org.tensorflow.proto.Summary.Image im = images.get(i).getImage();
      assertThat(im.getColorspace()).isEqualTo(3);
      Tensor pixels = TfEvents.decodePng(im.getEncodedImageString().toByteArray());
      assertThat(pixels.shape()).isEqualTo(Shape.of(3, 4, 3));
      assertThat(pixels.uint8Data()).containsExactly(
          java.util.Arrays.copyOfRange(image.uint8Data(), i * 36, (i + 1) * 36));
    }

    org.tensorflow.proto.Summary.Audio audio = events.get(8).getSummary().getValue(0).getAudio();
    assertThat(events.get(8).getSummary().getValue(0).getTag()).isEqualTo("clip/audio");
    assertThat(audio.getSampleRate()).isEqualTo(11025f);
    assertThat(audio.getNumChannels()).isEqualTo(2);
    assertThat(audio.getLengthFrames()).isEqualTo(50);
    List<Tensor> decoded = TfEvents.decodeWav(audio.getEncodedAudioString().toByteArray());
    assertThat(decoded.get(0).shape()).isEqualTo(Shape.of(50, 2));
    assertThat(decoded.get(1).intValue()).isEqualTo(11025);
    float[] samples = clip.floatData();
    float[] got = decoded.get(0).floatData();
    for (int i = 0; i < samples.length; i++) {
      assertThat(got[i]).isEqualTo(WavEncoder.sample(samples[i]) / 32768f);
    }

    org.tensorflow.proto.Summary.Value text = events.get(9).getSummary().getValue(0);
    assertThat(text.getMetadata().getPluginData().getPluginName()).isEqualTo("text");
    assertThat(text.getTensor().getStringVal(0).toStringUtf8()).isEqualTo("**ok** 日本");
  }

  @Test
  void tensorFlowDecodesRillsPngsToTheSamePixels() {
    for (int channels = 1; channels <= 4; channels++) {
      for (int[] wh : new int[][] {{1, 1}, {5, 4}, {31, 9}}) {
        byte[] pixels = randomBytes(wh[0] * wh[1] * channels, channels * 100L + wh[0]);
        Tensor got = TfEvents.decodePng(PngEncoder.encode(pixels, wh[0], wh[1], channels));
        assertThat(got.shape()).isEqualTo(Shape.of(wh[1], wh[0], channels));
        assertThat(got.uint8Data()).as("%dx%dx%d", wh[0], wh[1], channels)
            .containsExactly(pixels);
      }
    }
  }

  @Test
  void rillsWavsAreByteForByteTensorFlowsEncodeWav() {
    float[] edges = {0f, 1f, -1f, 1.5f, -1.5f, 0.5f / 32768, -0.5f / 32768, 1.5f / 32768,
        -1.5f / 32768, 2.5f / 32768, 32767.5f / 32768, -32767.5f / 32768, 1e-9f, -1e-9f};
    float[] random = randomFloats(3000, 9, 1.1);
    for (float[] samples : List.of(edges, random)) {
      for (int channels : new int[] {1, 2}) {
        int frames = samples.length / channels;
        float[] used = java.util.Arrays.copyOf(samples, frames * channels);
        Tensor t = Tensor.of(Shape.of(frames, channels), used);
        byte[] ours = WavEncoder.encode(used, channels, 22050);
        assertThat(ours).isEqualTo(TfEvents.encodeWav(t, 22050));
        List<Tensor> back = TfEvents.decodeWav(ours);
        float[] got = back.get(0).floatData();
        for (int i = 0; i < used.length; i++) {
          assertThat(got[i]).isEqualTo(WavEncoder.sample(used[i]) / 32768f);
        }
      }
    }
  }

  @Test
  void histogramsEqualTensorFlowsHistogramSummary() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    double[] wide = new double[500];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = Math.exp(r.nextDouble() * 80 - 40) * (r.nextBoolean() ? 1 : -1);
    }
    List<Tensor> inputs = List.of(
        Tensor.of(randomFloats(1000, 5, 3)),
        Tensor.of(wide),
        Tensor.of(new double[] {0.0, -0.0, 1e-12, -1e-12, 1e-13, 1e20, -1e21, 1.1e-12}),
        Tensor.of(-3, 0, 7, 7, 7, 100000, Integer.MIN_VALUE),
        Tensor.of(new long[] {Long.MAX_VALUE, 1L << 53, -5}),
        Tensor.of(new float[0]),
        Tensor.of(Shape.of(2, 2), 1f, 1f, 1f, 1f));
    for (Tensor in : inputs) {
      HistogramProto ours = Histograms.of(SummaryValues.histogramInput(in));
      org.tensorflow.proto.HistogramProto tf =
          TfEvents.summary("HistogramSummary", "h", in, List.of(), Map.of()).getValue(0).getHisto();
      String what = in.dtype() + in.shape().toString();
      assertThat(ours.getMin()).as(what).isEqualTo(tf.getMin());
      assertThat(ours.getMax()).as(what).isEqualTo(tf.getMax());
      assertThat(ours.getNum()).as(what).isEqualTo(tf.getNum());
      assertThat(ours.getSum()).as(what).isEqualTo(tf.getSum());
      assertThat(ours.getSumSquares()).as(what).isEqualTo(tf.getSumSquares());
      assertThat(ours.getBucketLimitList()).as(what).isEqualTo(tf.getBucketLimitList());
      assertThat(ours.getBucketList()).as(what).isEqualTo(tf.getBucketList());
    }
  }

  @Test
  void floatImagesGetTensorFlowsPixels() throws Exception {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    List<Tensor> inputs = List.of(
        Tensor.of(Shape.of(3, 5, 7, 3), randomFloats(315, 6, 2)),
        Tensor.of(Shape.of(2, 6, 6, 1), abs(randomFloats(72, 7, 1000))),
        Tensor.of(Shape.of(1, 2, 3, 4), randomFloats(24, 8, 1e-7)),
        Tensor.of(Shape.of(1, 2, 1, 4), 1f, nan, 0.5f, 0.25f, -inf, 3f, 0f, 2f),
        Tensor.of(Shape.of(1, 1, 3, 3), -1f, 2f, 0f, inf, 1f, 1f, 0.5f, 0.5f, -0.5f),
        Tensor.of(Shape.of(1, 1, 3, 1), 0f, 0f, 0f),
        Tensor.of(Shape.of(1, 3, 1, 1), 1e-6f, 9e-7f, 0f),
        Tensor.of(Shape.of(2, 4, 2, 3), toDoubles(randomFloats(48, 10, 5))));
    for (Tensor in : inputs) {
      List<Summary.Value> ours = SummaryValues.images("im", in, 3);
      org.tensorflow.proto.Summary tf =
          TfEvents.summary("ImageSummary", "im", in, List.of(), Map.of("max_images", 3L));
      String what = in.dtype() + in.shape().toString();
      assertThat(ours).as(what).hasSize(tf.getValueCount());
      for (int i = 0; i < ours.size(); i++) {
        org.tensorflow.proto.Summary.Value t = tf.getValue(i);
        Summary.Value o = ours.get(i);
        assertThat(o.getTag()).isEqualTo(t.getTag());
        assertThat(o.getImage().getColorspace()).isEqualTo(t.getImage().getColorspace());
        assertThat(TfEvents.decodePng(o.getImage().getEncodedImageString().toByteArray())
            .uint8Data()).as(what + " image " + i).containsExactly(
                TfEvents.decodePng(t.getImage().getEncodedImageString().toByteArray())
                    .uint8Data());
      }
    }
  }

  @Test
  void audioEqualsTensorFlowsAudioSummary() throws Exception {
    Tensor clips = Tensor.of(Shape.of(2, 300, 2), randomFloats(1200, 11, 1.3));
    for (float rate : new float[] {16000f, 22050.5f, 8000.4f}) {
      List<Summary.Value> ours = SummaryValues.audio("a", clips, rate, 3);
      org.tensorflow.proto.Summary tf = TfEvents.summary("AudioSummaryV2", "a", clips,
          List.of(Tensor.scalar(rate)), Map.of("max_outputs", 3L));
      assertThat(ours).hasSize(tf.getValueCount());
      for (int i = 0; i < ours.size(); i++) {
        Summary.Audio o = ours.get(i).getAudio();
        org.tensorflow.proto.Summary.Audio t = tf.getValue(i).getAudio();
        assertThat(ours.get(i).getTag()).isEqualTo(tf.getValue(i).getTag());
        assertThat(o.getSampleRate()).isEqualTo(t.getSampleRate());
        assertThat(o.getNumChannels()).isEqualTo(t.getNumChannels());
        assertThat(o.getLengthFrames()).isEqualTo(t.getLengthFrames());
        assertThat(o.getContentType()).isEqualTo(t.getContentType());
        assertThat(o.getEncodedAudioString().toByteArray())
            .isEqualTo(t.getEncodedAudioString().toByteArray());
      }
    }
  }

  private static float[] abs(float[] f) {
    for (int i = 0; i < f.length; i++) {
      f[i] = Math.abs(f[i]);
    }
    return f;
  }

  private static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i] * 1.0000001;
    }
    return d;
  }
}
