package dev.rill.io.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.proto.Event;
import dev.rill.io.proto.HistogramProto;
import dev.rill.io.proto.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {
  static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), ZoneOffset.UTC);
  static final Pattern NAME =
      Pattern.compile("events\\.out\\.tfevents\\.(\\d{10})\\.(.+)\\.(\\d+)\\.(\\d+)(.*)");

  @TempDir
  Path tmp;

  private SummaryWriter.Builder fixed() {
    return SummaryWriter.builder(tmp).clock(CLOCK);
  }

  private static List<Summary.Value> values(Path file) throws IOException {
    List<Summary.Value> out = new ArrayList<>();
    for (Event e : EventFileReader.readAll(file)) {
      out.addAll(e.getSummary().getValueList());
    }
    return out;
  }

  @Test
  void namesTheFileAsTensorFlowAndStartsWithTheVersionRecord() throws IOException {
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      w.scalar("loss", 1.5, 7);
    }
    assertThat(file.getParent()).isEqualTo(tmp);
    Matcher m = NAME.matcher(file.getFileName().toString());
    assertThat(m.matches()).isTrue();
    assertThat(m.group(1)).isEqualTo("1700000000");
    assertThat(m.group(2)).isEqualTo(EventFileNames.hostname()).isNotEmpty();
    assertThat(Long.parseLong(m.group(3))).isEqualTo(ProcessHandle.current().pid());
    assertThat(m.group(5)).isEqualTo(".v2");
    List<Event> events = EventFileReader.readAll(file);
    assertThat(events).hasSize(2);
    Event version = events.get(0);
    assertThat(version.getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(version.getStep()).isZero();
    assertThat(version.getWallTime()).isEqualTo(1.7e9);
    assertThat(version.getSourceMetadata().getWriter()).isEqualTo(SummaryWriter.SOURCE);
    Event scalar = events.get(1);
    assertThat(scalar.getWallTime()).isEqualTo(1_700_000_000.123456);
    assertThat(scalar.getStep()).isEqualTo(7);
    assertThat(scalar.getSummary().getValue(0).getSimpleValue()).isEqualTo(1.5f);
  }

  @Test
  void writersInOneDirectoryAndSecondGetDistinctFiles() throws IOException {
    try (SummaryWriter a = fixed().build(); SummaryWriter b = fixed().build()) {
      assertThat(a.file()).isNotEqualTo(b.file());
      Matcher ma = NAME.matcher(a.file().getFileName().toString());
      Matcher mb = NAME.matcher(b.file().getFileName().toString());
      assertThat(ma.matches() && mb.matches()).isTrue();
      assertThat(Long.parseLong(mb.group(4))).isGreaterThan(Long.parseLong(ma.group(4)));
    }
  }

  @Test
  void suffixGetsADotWhenItHasNone() throws IOException {
    try (SummaryWriter a = fixed().filenameSuffix("tf1").build();
        SummaryWriter b = fixed().filenameSuffix(".x").build();
        SummaryWriter c = fixed().filenameSuffix("").build()) {
      assertThat(a.file().getFileName().toString()).endsWith(".tf1");
      assertThat(b.file().getFileName().toString()).endsWith(".x").doesNotContain("..");
      assertThat(c.file().getFileName().toString()).matches(".*\\.\\d+\\.\\d+");
    }
  }

  @Test
  void createsTheLogDirectory() throws IOException {
    Path dir = tmp.resolve("a/b/run1");
    try (SummaryWriter w = SummaryWriter.create(dir)) {
      assertThat(w.file().getParent()).isEqualTo(dir);
      assertThat(w.file().getFileName().toString()).contains("tfevents");
    }
  }

  @Test
  void eventsWaitUntilTheQueueOverflowsOrAFlush() throws IOException {
    try (SummaryWriter w = fixed().maxQueue(2).flushInterval(Duration.ZERO).build()) {
      assertThat(EventFileReader.readAll(w.file())).hasSize(1);
      w.scalar("a", 1, 1);
      w.scalar("a", 2, 2);
      assertThat(EventFileReader.readAll(w.file())).hasSize(1);
      w.scalar("a", 3, 3);
      assertThat(EventFileReader.readAll(w.file())).hasSize(4);
      w.scalar("a", 4, 4);
      assertThat(EventFileReader.readAll(w.file())).hasSize(4);
      w.flush();
      assertThat(EventFileReader.readAll(w.file())).hasSize(5);
      w.scalar("a", 5, 5);
      Path file = w.file();
      w.close();
      assertThat(EventFileReader.scalars(file)).extracting(ScalarEvent::value)
          .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
    }
  }

  @Test
  void maxQueueZeroWritesEachEventAtOnce() throws IOException {
    try (SummaryWriter w = fixed().maxQueue(0).build()) {
      w.scalar("a", 1, 1);
      assertThat(EventFileReader.readAll(w.file())).hasSize(2);
    }
  }

  @Test
  void theTimerFlushes() throws Exception {
    try (SummaryWriter w = fixed().maxQueue(1000).flushInterval(Duration.ofMillis(20)).build()) {
      w.scalar("a", 1, 1);
      // No timing assertion: wait (up to 20 s on a busy machine) for the timer to have run.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (EventFileReader.readAll(w.file()).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(EventFileReader.readAll(w.file())).hasSize(2);
    }
  }

  @Test
  void closeIsIdempotentAndLaterLoggingFails() throws IOException {
    SummaryWriter w = fixed().build();
    w.close();
    w.close();
    w.flush();
    assertThatThrownBy(() -> w.scalar("a", 1, 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void manyThreadsLogWithoutLosingOrTearingEvents() throws Exception {
    int threads = 4;
    int each = 250;
    Path file;
    try (SummaryWriter w = fixed().maxQueue(7).build()) {
      file = w.file();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String tag = "t" + t;
        Thread th = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          for (int i = 0; i < each; i++) {
            w.scalar(tag, i, i);
          }
        });
        th.start();
        workers.add(th);
      }
      start.countDown();
      for (Thread th : workers) {
        th.join();
      }
    }
    List<ScalarEvent> scalars = EventFileReader.scalars(file);
    assertThat(scalars).hasSize(threads * each);
    Set<String> seen = new HashSet<>();
    for (ScalarEvent s : scalars) {
      assertThat(s.value()).isEqualTo(s.step());
      assertThat(seen.add(s.tag() + "@" + s.step())).isTrue();
    }
  }

  @Test
  void aSingleImageIsTaggedWithoutAnIndexAndABatchIsCappedAtThree() throws IOException {
    Tensor one = Tensor.ofUint8(Shape.of(2, 3, 1), new byte[] {0, 1, 2, 3, 4, 5});
    Tensor five = Tensor.ofUint8(Shape.of(5, 1, 1, 3), new byte[15]);
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      w.image("one", one, 0);
      w.image("five", five, 0);
      w.image("two", five, 2, 0);
    }
    List<Summary.Value> v = values(file);
    assertThat(v).extracting(Summary.Value::getTag).containsExactly("one/image",
        "five/image/0", "five/image/1", "five/image/2", "two/image/0", "two/image/1");
    Summary.Image image = v.get(0).getImage();
    assertThat(image.getHeight()).isEqualTo(2);
    assertThat(image.getWidth()).isEqualTo(3);
    assertThat(image.getColorspace()).isEqualTo(1);
    assertThat(GoldenEvents.pixels(image.getEncodedImageString().toByteArray()))
        .containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void floatImagesAreScaledAsTensorFlowScalesThem() throws IOException {
    float nan = Float.NaN;
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      // No negative value: scaled by 255 / max, truncated.
      w.image("positive", Tensor.of(Shape.of(1, 3, 1), 0f, 0.5f, 1f), 0);
      // A negative value: by 127 / max|x| around 128.
      w.image("signed", Tensor.of(Shape.of(1, 3, 1), -1f, 0f, 0.5f), 0);
      // Non-finite pixels are red and do not count for the range.
      w.image("rgb", Tensor.of(Shape.of(1, 2, 3), 0f, 2f, 1f, nan, 0f, 0f), 0);
      // A range below 1e-6 scales to 0.
      w.image("flat", Tensor.of(Shape.of(1, 2, 1), 1e-7f, 0f), 0);
      w.image("double", Tensor.of(Shape.of(1, 2, 1), new double[] {-2, 2}), 0);
    }
    List<Summary.Value> v = values(file);
    assertThat(pixels(v.get(0))).containsExactly(0, 127, 255);
    assertThat(pixels(v.get(1))).containsExactly(1, 128, 191);
    assertThat(pixels(v.get(2))).containsExactly(0, 255, 127, 255, 0, 0);
    assertThat(pixels(v.get(3))).containsExactly(0, 0);
    assertThat(pixels(v.get(4))).containsExactly(1, 255);
  }

  private static int[] pixels(Summary.Value v) {
    return GoldenEvents.pixels(v.getImage().getEncodedImageString().toByteArray());
  }

  @Test
  void audioTakesOneClipOrABatch() throws IOException {
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      w.audio("mono", Tensor.of(0f, 0.5f, -0.5f, 1f), 8000, 0);
      w.audio("stereo", Tensor.of(Shape.of(3, 2), 0f, 0f, 1f, -1f, 0.25f, -0.25f), 44100, 0);
      w.audio("batch", Tensor.of(Shape.of(4, 2, 1), new float[8]), 16000, 0);
    }
    List<Summary.Value> v = values(file);
    assertThat(v).extracting(Summary.Value::getTag).containsExactly("mono/audio", "stereo/audio",
        "batch/audio/0", "batch/audio/1", "batch/audio/2");
    Summary.Audio stereo = v.get(1).getAudio();
    assertThat(stereo.getNumChannels()).isEqualTo(2);
    assertThat(stereo.getLengthFrames()).isEqualTo(3);
    assertThat(stereo.getSampleRate()).isEqualTo(44100f);
    assertThat(stereo.getContentType()).isEqualTo("audio/wav");
    assertThat(stereo.getEncodedAudioString().size()).isEqualTo(44 + 3 * 2 * 2);
    assertThat(v.get(0).getAudio().getLengthFrames()).isEqualTo(4);
    assertThat(v.get(0).getAudio().getNumChannels()).isEqualTo(1);
  }

  @Test
  void textIsAStringTensorOfTheTextPlugin() throws IOException {
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      w.text("notes", "**bold** — 日本", 4);
    }
    Summary.Value v = values(file).get(0);
    assertThat(v.getTag()).isEqualTo("notes");
    assertThat(v.getMetadata().getPluginData().getPluginName()).isEqualTo("text");
    assertThat(v.getTensor().getDtype().name()).isEqualTo("DT_STRING");
    assertThat(v.getTensor().getTensorShape().getDimCount()).isZero();
    assertThat(v.getTensor().getStringVal(0).toStringUtf8()).isEqualTo("**bold** — 日本");
    // Text is not a scalar.
    assertThat(EventFileReader.scalars(file)).isEmpty();
  }

  @Test
  void histogramsFollowTensorFlowsBuckets() {
    HistogramProto empty = Histograms.of(new double[0]);
    assertThat(empty.getBucketLimitList()).containsExactly(Double.MAX_VALUE);
    assertThat(empty.getBucketList()).containsExactly(0.0);
    assertThat(empty.getMin()).isEqualTo(Double.MAX_VALUE);
    assertThat(empty.getMax()).isEqualTo(-Double.MAX_VALUE);

    // 0 and -0 share the bucket below 1e-12; a value on a limit belongs to the next bucket.
    HistogramProto h = Histograms.of(new double[] {-0.0, 0.0, 1e-12});
    assertThat(h.getBucketList()).containsExactly(0.0, 2.0, 1.0, 0.0);
    assertThat(h.getBucketLimitList().subList(1, 3)).containsExactly(1e-12, 1e-12 * 1.1);
    assertThat(h.getMin()).isEqualTo(-0.0);
    assertThat(h.getMax()).isEqualTo(1e-12);
    assertThat(h.getNum()).isEqualTo(3.0);

    HistogramProto huge = Histograms.of(new double[] {-Double.MAX_VALUE, 1e300});
    assertThat(huge.getBucketLimitList()).last().isEqualTo(Double.MAX_VALUE);
    assertThat(huge.getBucketList()).last().isEqualTo(1.0);
  }

  @Test
  void histogramsTakeIntegerTensors() throws IOException {
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      w.histogram("ints", Tensor.of(1, 2, 3, 4), 0);
      w.histogram("longs", Tensor.of(5L), 0);
    }
    List<Summary.Value> v = values(file);
    assertThat(v.get(0).getHisto().getSum()).isEqualTo(10.0);
    assertThat(v.get(1).getHisto().getMax()).isEqualTo(5.0);
  }

  @Test
  void badArgumentsAreRejected() throws IOException {
    try (SummaryWriter w = fixed().build()) {
      assertThatThrownBy(() -> w.histogram("h", new double[] {1, Double.NaN}, 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
      assertThatThrownBy(() -> w.histogram("h", Tensor.of("a"), 0))
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> w.image("i", Tensor.of(Shape.of(1, 1, 5), new float[5]), 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("channels");
      assertThatThrownBy(() -> w.image("i", Tensor.of(Shape.of(1, 1, 1), 1), 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("uint8");
      assertThatThrownBy(() -> w.image("i", Tensor.of(Shape.of(1, 1, 1), 1f), 0, 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxImages");
      assertThatThrownBy(() -> w.audio("a", Tensor.of(1, 2), 8000, 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("float32");
      assertThatThrownBy(() -> w.audio("a", Tensor.of(0f), 0, 0))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sample rate");
      assertThatThrownBy(() -> w.scalar(null, 1, 0)).isInstanceOf(NullPointerException.class);
    }
    assertThatThrownBy(() -> SummaryWriter.builder(tmp).maxQueue(-1))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SummaryWriter.builder(tmp).flushInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void rawEventsGetAWallTimeWhenTheyHaveNone() throws IOException {
    Path file;
    try (SummaryWriter w = fixed().build()) {
      file = w.file();
      w.write(Event.newBuilder().setStep(3).setFileVersion("x").build());
      w.write(Event.newBuilder().setStep(4).setWallTime(5.5).setFileVersion("y").build());
    }
    List<Event> e = EventFileReader.readAll(file);
    assertThat(e.get(1).getWallTime()).isEqualTo(1_700_000_000.123456);
    assertThat(e.get(2).getWallTime()).isEqualTo(5.5);
    assertThat(Files.size(file)).isPositive();
  }
}
