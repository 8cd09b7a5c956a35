package dev.rill.io.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rill.io.MaskedCrc32c;
import dev.rill.io.proto.Event;
import dev.rill.io.tfrecord.TfRecordFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged event files end in {@link CorruptEventFileException} naming the file and record. */
class CorruptEventFileTest {
  static final Path NAME = Path.of("logs/events.out.tfevents.damaged");
  static byte[] file;
  /** The byte offset of each record of {@link #file}. */
  static List<Long> offsets = new ArrayList<>();

  @BeforeAll
  static void writeFile(@TempDir Path dir) throws IOException {
    Path p;
    try (SummaryWriter w = SummaryWriter.create(dir)) {
      p = w.file();
      w.scalar("loss", 0.5, 1);
      w.text("notes", "hello", 2);
      w.histogram("h", new double[] {1, 2, 3}, 3);
    }
    file = Files.readAllBytes(p);
    try (EventFileReader r = EventFileReader.open(p)) {
      while (r.next() != null) {
        offsets.add(r.offset());
      }
    }
    assertThat(offsets).hasSize(4);
  }

  private static List<Event> read(byte[] bytes) throws IOException {
    List<Event> out = new ArrayList<>();
    try (EventFileReader r = EventFileReader.of(NAME, new ByteArrayInputStream(bytes))) {
      for (Event e = r.next(); e != null; e = r.next()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The start of the record holding byte {@code position}. */
  private static long recordAt(long position) {
    long start = 0;
    for (long o : offsets) {
      if (o <= position) {
        start = o;
      }
    }
    return start;
  }

  @Test
  void everyTruncationInsideARecordIsReportedAtThatRecord() throws IOException {
    for (int length = 0; length < file.length; length++) {
      byte[] cut = Arrays.copyOf(file, length);
      int whole = offsets.indexOf((long) length);
      if (whole >= 0) {
        // A cut between records leaves a shorter, valid file of the records before it.
        assertThat(read(cut)).hasSize(whole);
        continue;
      }
      CorruptEventFileException e = catchThrowableOfType(CorruptEventFileException.class,
          () -> read(cut));
      assertThat(e).as("cut at %d", length).isNotNull();
      assertThat(e.offset()).as("cut at %d", length).isEqualTo(recordAt(length - 1));
      assertThat(e.file()).isEqualTo(NAME);
      assertThat(e.getMessage()).contains(NAME.toString()).contains("byte " + e.offset())
          .contains("ends inside");
      assertThat(e.truncated()).isTrue();
    }
  }

  @Test
  void everySingleBitFlipIsCaughtByACrcAtItsRecord() {
    for (int bit = 0; bit < 8 * file.length; bit++) {
      byte[] damaged = file.clone();
      damaged[bit / 8] ^= (byte) (1 << (bit % 8));
      CorruptEventFileException e = catchThrowableOfType(CorruptEventFileException.class,
          () -> read(damaged));
      assertThat(e).as("bit %d", bit).isNotNull();
      assertThat(e.offset()).as("bit %d", bit).isEqualTo(recordAt(bit / 8));
      assertThat(e.getMessage()).contains("CRC");
      assertThat(e.truncated()).isFalse();
    }
  }

  @Test
  void aPayloadThatIsNotAnEventIsCorrupt() {
    byte[] bad = TfRecordFormat.frame(new byte[] {(byte) 0xff, (byte) 0xff});
    byte[] bytes = concat(file, bad);
    CorruptEventFileException e = catchThrowableOfType(CorruptEventFileException.class,
        () -> read(bytes));
    assertThat(e.offset()).isEqualTo(file.length);
    assertThat(e).hasMessageContaining("not an Event");
  }

  @Test
  void anAbsurdLengthWithAValidCrcIsCorruptNotAnOutOfMemoryError() {
    ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    h.putLong(Long.MAX_VALUE).putInt(MaskedCrc32c.maskedCrc(h.array(), 0, 8));
    assertThatThrownBy(() -> read(h.array())).isInstanceOf(CorruptEventFileException.class)
        .hasMessageContaining("too large");
    ByteBuffer g = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    g.putLong(1L << 30).putInt(MaskedCrc32c.maskedCrc(g.array(), 0, 8));
    assertThatThrownBy(() -> read(g.array())).isInstanceOf(CorruptEventFileException.class)
        .hasMessageContaining("ends inside");
  }

  @Test
  void aReaderThatFailedKeepsFailing() throws IOException {
    byte[] cut = Arrays.copyOf(file, file.length - 1);
    try (EventFileReader r = EventFileReader.of(NAME, new ByteArrayInputStream(cut))) {
      for (int i = 0; i < 3; i++) {
        assertThat(r.next()).isNotNull();
      }
      assertThatThrownBy(r::next).isInstanceOf(CorruptEventFileException.class);
      assertThatThrownBy(r::next).isInstanceOf(CorruptEventFileException.class);
    }
  }

  @Test
  void anEmptyFileHoldsNoEvents() throws IOException {
    assertThat(read(new byte[0])).isEmpty();
  }

  @Test
  void corruptionOnDiskNamesTheFile(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("events.out.tfevents.1");
    byte[] damaged = file.clone();
    damaged[damaged.length - 1] ^= 1;
    Files.write(p, damaged);
    CorruptEventFileException e = catchThrowableOfType(CorruptEventFileException.class,
        () -> EventFileReader.readAll(p));
    assertThat(e.file()).isEqualTo(p);
    assertThat(e.offset()).isEqualTo(offsets.get(3));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
