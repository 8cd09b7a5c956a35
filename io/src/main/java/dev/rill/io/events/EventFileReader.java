package dev.rill.io.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.io.proto.Event;
import dev.rill.io.tfrecord.CorruptRecordException;
import dev.rill.io.tfrecord.TfRecord;
import dev.rill.io.tfrecord.TfRecordReader;
import java.io.IOException;
import java.io.InputStream;
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
  /** The TFRecord stream the events are framed in. */
  private final TfRecordReader records;
  /** Where the record last returned by {@link #next()} started, or -1. */
  private long offset = -1;
  /** Set once a record fails: the stream position is then unknown, so every later call fails. */
  private CorruptEventFileException failure;

  private EventFileReader(Path file, InputStream in) {
    this.file = file;
    this.records = TfRecordReader.of(in, file.toString(), TfRecordReader.Options.DEFAULT);
  }

  /** Opens {@code file} for reading from its first record. */
  public static EventFileReader open(Path file) throws IOException {
    return new EventFileReader(file, Files.newInputStream(file));
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
    TfRecord record;
    try {
      record = records.read();
    } catch (CorruptRecordException e) {
      throw failure = new CorruptEventFileException(file, e.offset(), problem(e.problem()),
          e.problem() == CorruptRecordException.Problem.TRUNCATED, e);
    }
    if (record == null) {
      return null;
    }
    try {
      Event event = Event.parseFrom(record.payload());
      offset = record.offset();
      return event;
    } catch (InvalidProtocolBufferException e) {
      throw failure = new CorruptEventFileException(file, record.offset(),
          "the payload is not an Event proto", false, e);
    }
  }

  /** How a damaged record reads in an event file's error. */
  private static String problem(CorruptRecordException.Problem p) {
    return switch (p) {
      case LENGTH_CRC -> "the CRC of the length field does not match";
      case DATA_CRC -> "the CRC of the payload does not match";
      case TRUNCATED -> "the file ends inside a record";
      case TOO_LARGE -> "the record length is too large";
      case COMPRESSED_STREAM -> "the compressed stream is malformed";
    };
  }

  /** The byte offset of the record {@link #next()} last returned, or -1 before the first. */
  public long offset() {
    return offset;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
