package dev.rill.io.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.io.MaskedCrc32c;
import dev.rill.io.proto.Event;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the Event records of one TensorBoard event file in order, checking both CRCs of every
 * record. Any damage (a CRC mismatch, a file that ends inside a record, a payload that is not an
 * Event) raises {@link CorruptEventFileException} with the file and the record's byte offset.
 *
 * {@snippet :
 * try (EventFileReader r = EventFileReader.open(file)) {
 *   for (Event e = r.next(); e != null; e = r.next()) {
 *     System.out.println(e.getStep() + " " + e.getWhatCase());
 *   }
 * }
 * List<ScalarEvent> losses = EventFileReader.scalars(file).stream()
 *     .filter(s -> s.tag().equals("loss")).toList();
 * }
 */
public final class EventFileReader implements AutoCloseable {
  private final Path file;
  private final InputStream in;
  /** Where the next record starts. */
  private long position;
  /** Where the record last returned by {@link #next()} started, or -1. */
  private long offset = -1;
  /** Set once a record fails: the stream position is then unknown, so every later call fails. */
  private CorruptEventFileException failure;

  private EventFileReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** Opens {@code file} for reading from its first record. */
  public static EventFileReader open(Path file) throws IOException {
    return new EventFileReader(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  /** Reads records from {@code in}, naming {@code file} in errors (for tests on bytes in memory). */
  static EventFileReader of(Path file, InputStream in) {
    return new EventFileReader(file, in);
  }

  /**
   * The event files of a log directory (one run), in name order, which is the order TensorBoard
   * reads them in: the regular files whose name contains {@code tfevents}. Subdirectories (other
   * runs) are not searched.
   */
  public static List<Path> eventFiles(Path logDir) throws IOException {
    try (Stream<Path> files = Files.list(logDir)) {
      return files.filter(p -> p.getFileName().toString().contains("tfevents"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  /** Every event of {@code file}, in file order. */
  public static List<Event> readAll(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    try (EventFileReader r = open(file)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        events.add(e);
      }
    }
    return events;
  }

  /**
   * Every scalar of {@code file}, in file order: TF1-style {@code simple_value}s and TF2-style
   * scalar tensors (see {@link ScalarEvent#of}).
   */
  public static List<ScalarEvent> scalars(Path file) throws IOException {
    List<ScalarEvent> out = new ArrayList<>();
    for (Event e : readAll(file)) {
      out.addAll(ScalarEvent.of(e));
    }
    return out;
  }

  /**
   * The next event, or null at the end of the file. After a {@link CorruptEventFileException}
   * every further call throws it again.
   */
  public Event next() throws IOException {
    if (failure != null) {
      throw failure;
    }
    long start = position;
    byte[] header = in.readNBytes(RecordFraming.HEADER_BYTES);
    if (header.length == 0) {
      return null;
    }
    if (header.length < RecordFraming.HEADER_BYTES) {
      throw truncated(start, "the file ends inside the record header (" + header.length + " of "
          + RecordFraming.HEADER_BYTES + " bytes)");
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long length = h.getLong(0);
    if (h.getInt(8) != MaskedCrc32c.maskedCrc(header, 0, 8)) {
      throw corrupt(start, "the CRC of the length field does not match");
    }
    if (length < 0 || length > Integer.MAX_VALUE - 16) {
      throw corrupt(start, "record length " + Long.toUnsignedString(length) + " is too large");
    }
    // readNBytes grows its buffer as data arrives, so a bogus length cannot allocate it all.
    byte[] payload = in.readNBytes((int) length);
    byte[] footer = in.readNBytes(RecordFraming.FOOTER_BYTES);
    if (payload.length < length || footer.length < RecordFraming.FOOTER_BYTES) {
      throw truncated(start, "the file ends inside a record of " + length + " bytes");
    }
    int stored = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != MaskedCrc32c.maskedCrc(payload, 0, payload.length)) {
      throw corrupt(start, "the CRC of the " + length + "-byte payload does not match");
    }
    Event event;
    try {
      event = Event.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw failure = new CorruptEventFileException(file, start, "the payload is not an Event proto",
          false, e);
    }
    position = start + RecordFraming.HEADER_BYTES + length + RecordFraming.FOOTER_BYTES;
    offset = start;
    return event;
  }

  /** The byte offset of the record {@link #next()} last returned, or -1 before the first. */
  public long offset() {
    return offset;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  private CorruptEventFileException corrupt(long at, String problem) {
    failure = new CorruptEventFileException(file, at, problem);
    return failure;
  }

  private CorruptEventFileException truncated(long at, String problem) {
    failure = new CorruptEventFileException(file, at, problem, true, null);
    return failure;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
