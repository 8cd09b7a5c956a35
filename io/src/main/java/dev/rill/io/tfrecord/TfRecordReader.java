package dev.rill.io.tfrecord;

import dev.rill.io.MaskedCrc32c;
import dev.rill.io.tfrecord.CorruptRecordException.Problem;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads TFRecord files: payloads one at a time, each checked against its length and payload
 * CRCs, from plain, gzip or zlib streams.
 *
 * {@snippet :
 * try (TfRecordReader r = TfRecordReader.open(path, Compression.GZIP)) {
 *   for (byte[] payload : r) {
 *     Example e = Example.parseFrom(payload);
 *     long at = r.lastOffset();           // where that record starts (uncompressed)
 *   }
 * }
 * }
 *
 * <p>{@link #read()} returns {@link TfRecord}s (payload, offset, index) and throws
 * {@link CorruptRecordException}; the {@link #iterator()} and the streams return payloads and wrap
 * that exception in an {@link UncheckedIOException} (its {@code getCause()}), as
 * {@code Files.lines} does.
 *
 * <p>Damage is handled by the {@link CorruptRecordPolicy}. With {@link CorruptRecordPolicy#FAIL}
 * the first damaged record throws. If its length was verified (a payload CRC mismatch) the reader
 * has already stepped past it and a later {@link #read()} continues with the next record;
 * otherwise every later {@link #read()} throws the same exception again. With
 * {@link CorruptRecordPolicy#SKIP} payload CRC mismatches are counted and stepped over, and the
 * stream ends early, counted once, at the first problem that leaves no trustworthy next record (a
 * bad length CRC, a truncated record, a broken compressed stream, an oversized record).
 *
 * <p>Offsets count bytes of the uncompressed stream; for {@link Compression#NONE} they are file
 * offsets. Not thread-safe.
 */
public final class TfRecordReader implements Closeable, Iterable<byte[]> {
  /**
   * How to read: the stream's compression and what to do with damaged records.
   *
   * @param compression how the whole stream is compressed
   * @param policy what to do when a record fails its checks
   */
  public record Options(Compression compression, CorruptRecordPolicy policy) {
    /** Uncompressed, failing at the first damaged record. */
    public static final Options DEFAULT = new Options(Compression.NONE, CorruptRecordPolicy.FAIL);

    public Options {
      Objects.requireNonNull(compression, "compression");
      Objects.requireNonNull(policy, "policy");
    }

    /** These options with another compression. */
    public Options withCompression(Compression c) {
      return new Options(c, policy);
    }

    /** These options with another policy. */
    public Options withPolicy(CorruptRecordPolicy p) {
      return new Options(compression, p);
    }
  }

  /** The largest payload a Java array can hold. */
  static final int MAX_PAYLOAD = Integer.MAX_VALUE - 8;
  private static final int BUFFER = 64 * 1024;

  private final String source;
  private final Path file;
  private final Options options;
  private final BufferedInputStream raw;
  private InputStream in;
  private final byte[] header = new byte[TfRecordFormat.HEADER_BYTES];
  private final byte[] footer = new byte[TfRecordFormat.FOOTER_BYTES];
  private long position;
  private long index;
  private long lastOffset = -1;
  private long corrupt;
  private CorruptRecordException lastCorruption;
  private CorruptRecordException fatal;
  private boolean ended;
  private boolean iterating;

  private TfRecordReader(InputStream source, String name, Path file, Options options) {
    this.source = name;
    this.file = file;
    this.options = Objects.requireNonNull(options, "options");
    // Files get a large buffer; caller streams usually buffer already.
    this.raw = new BufferedInputStream(source, file != null ? BUFFER : 8192);
  }

  /** Opens an uncompressed TFRecord file that fails at the first damaged record. */
  public static TfRecordReader open(Path file) throws IOException {
    return open(file, Options.DEFAULT);
  }

  /** Opens a TFRecord file with the given compression that fails at the first damaged record. */
  public static TfRecordReader open(Path file, Compression compression) throws IOException {
    return open(file, Options.DEFAULT.withCompression(compression));
  }

  /** Opens a TFRecord file. */
  public static TfRecordReader open(Path file, Options options) throws IOException {
    return new TfRecordReader(Files.newInputStream(file), file.toString(), file, options);
  }

  /**
   * Reads records from {@code stream}; {@code name} stands for it in error messages.
   * {@link #close()} closes the stream.
   */
  public static TfRecordReader of(InputStream stream, String name, Options options) {
    return new TfRecordReader(Objects.requireNonNull(stream, "stream"), name, null, options);
  }

  /** Every payload of {@code file}, failing at the first damaged record. */
  public static List<byte[]> readAll(Path file, Compression compression) throws IOException {
    try (TfRecordReader r = open(file, compression)) {
      List<byte[]> out = new ArrayList<>();
      for (TfRecord rec; (rec = r.read()) != null; ) {
        out.add(rec.payload());
      }
      return out;
    }
  }

  /**
   * The next record, or null at the end of the stream.
   *
   * @throws CorruptRecordException under {@link CorruptRecordPolicy#FAIL}, for a damaged record
   * @throws IOException if the underlying file cannot be read
   */
  public TfRecord read() throws IOException {
    while (true) {
      if (fatal != null) {
        throw fatal;
      }
      if (ended) {
        return null;
      }
      try {
        TfRecord r = next();
        if (r == null) {
          ended = true;
        } else {
          lastOffset = r.offset();
        }
        return r;
      } catch (CorruptRecordException e) {
        boolean resumable = e.problem().resumable();
        if (options.policy() == CorruptRecordPolicy.FAIL) {
          if (!resumable) {
            fatal = e;
          }
          throw e;
        }
        corrupt++;
        lastCorruption = e;
        if (!resumable) {
          ended = true;
        }
      }
    }
  }

  /**
   * The payloads in order, read lazily. A damaged record surfaces as an
   * {@link UncheckedIOException} whose cause is the {@link CorruptRecordException}. A reader hands
   * out one iterator.
   */
  @Override
  public Iterator<byte[]> iterator() {
    Iterator<TfRecord> records = recordIterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public byte[] next() {
        return records.next().payload();
      }
    };
  }

  /** The payloads as a sequential stream (closing the stream does not close this reader). */
  public Stream<byte[]> payloads() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** The records as a sequential stream (closing the stream does not close this reader). */
  public Stream<TfRecord> records() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(recordIterator(),
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private Iterator<TfRecord> recordIterator() {
    if (iterating) {
      throw new IllegalStateException("a TfRecordReader hands out one iterator or stream");
    }
    iterating = true;
    return new Iterator<>() {
      private TfRecord ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          long keep = lastOffset;
          try {
            ahead = read();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          lastOffset = keep; // the look-ahead record is not handed out yet
        }
        return ahead != null;
      }

      @Override
      public TfRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        TfRecord r = ahead;
        ahead = null;
        lastOffset = r.offset();
        return r;
      }
    };
  }

  /** Offset (uncompressed) of the record most recently handed out, or -1 before the first. */
  public long lastOffset() {
    return lastOffset;
  }

  /** Damaged records met so far under {@link CorruptRecordPolicy#SKIP} (always 0 under FAIL). */
  public long corruptRecords() {
    return corrupt;
  }

  /**
   * The most recent damage skipped under {@link CorruptRecordPolicy#SKIP}; if it is not
   * {@linkplain CorruptRecordException.Problem#resumable() resumable}, it is what ended the
   * stream early.
   */
  public Optional<CorruptRecordException> lastCorruption() {
    return Optional.ofNullable(lastCorruption);
  }

  /** Uncompressed bytes consumed so far. */
  public long position() {
    return position;
  }

  /** The options this reader was opened with. */
  public Options options() {
    return options;
  }

  @Override
  public void close() throws IOException {
    ended = true;
    if (in != null) {
      in.close();
    } else {
      raw.close();
    }
  }

  // ---- one record ----

  private TfRecord next() throws IOException {
    long at = position;
    long idx = index;
    if (in == null && !openStream(at, idx)) {
      return null;
    }
    int n = readUpTo(header, TfRecordFormat.HEADER_BYTES, at, idx);
    if (n == 0) {
      return null;
    }
    index++;
    if (n < TfRecordFormat.HEADER_BYTES) {
      throw corrupt(at, idx, Problem.TRUNCATED, "a 12-byte record header, but the stream ends after "
          + n + " bytes", null);
    }
    long length = TfRecordFormat.getLongLe(header, 0);
    int stored = TfRecordFormat.getIntLe(header, 8);
    int computed = MaskedCrc32c.maskedCrc(header, 0, 8);
    if (stored != computed) {
      throw corrupt(at, idx, Problem.LENGTH_CRC, String.format(
          "length CRC 0x%08x over the length bytes (which read %s), found 0x%08x", computed,
          Long.toUnsignedString(length), stored), null);
    }
    if (length < 0 || length > MAX_PAYLOAD) {
      throw corrupt(at, idx, Problem.TOO_LARGE, "a payload of at most " + MAX_PAYLOAD
          + " bytes, the verified length is " + Long.toUnsignedString(length), null);
    }
    int len = (int) length;
    byte[] payload = readPayload(len, at, idx);
    if (payload.length < len) {
      throw corrupt(at, idx, Problem.TRUNCATED, "a payload of " + len
          + " bytes, but the stream ends after " + payload.length, null);
    }
    n = readUpTo(footer, TfRecordFormat.FOOTER_BYTES, at, idx);
    if (n < TfRecordFormat.FOOTER_BYTES) {
      throw corrupt(at, idx, Problem.TRUNCATED, "a 4-byte payload CRC after the " + len
          + "-byte payload, but the stream ends after " + n + " bytes", null);
    }
    stored = TfRecordFormat.getIntLe(footer, 0);
    computed = MaskedCrc32c.maskedCrc(payload, 0, len);
    if (stored != computed) {
      throw corrupt(at, idx, Problem.DATA_CRC, String.format(
          "payload CRC 0x%08x over %d bytes, found 0x%08x", computed, len, stored), null);
    }
    return new TfRecord(idx, at, payload);
  }

  /** Sets up decompression on first use; false if the stream is empty (no records). */
  private boolean openStream(long at, long idx) throws IOException {
    raw.mark(1);
    if (raw.read() < 0) {
      in = raw;
      return false;
    }
    raw.reset();
    try {
      in = switch (options.compression()) {
        case NONE -> raw;
        case GZIP -> new GZIPInputStream(raw, BUFFER);
        case ZLIB -> new InflaterInputStream(raw);
      };
    } catch (EOFException | ZipException e) {
      in = raw;
      throw corrupt(at, idx, e instanceof EOFException ? Problem.TRUNCATED
          : Problem.COMPRESSED_STREAM, "a whole " + options.compression() + " stream header ("
          + e.getMessage() + ")", e);
    }
    return true;
  }

  /** Reads up to {@code n} bytes into {@code b}; fewer only at the end of the stream. */
  private int readUpTo(byte[] b, int n, long at, long idx) throws IOException {
    try {
      int got = in.readNBytes(b, 0, n);
      position += got;
      return got;
    } catch (EOFException | ZipException e) {
      throw compressedStreamBroken(e, at, idx);
    }
  }

  private byte[] readPayload(int len, long at, long idx) throws IOException {
    try {
      // readNBytes grows its buffer as data arrives, so a large length over a short stream never
      // allocates the whole length up front.
      byte[] p = in.readNBytes(len);
      position += p.length;
      return p;
    } catch (EOFException | ZipException e) {
      throw compressedStreamBroken(e, at, idx);
    }
  }

  private CorruptRecordException compressedStreamBroken(IOException e, long at, long idx) {
    boolean truncated = e instanceof EOFException;
    return corrupt(at, idx, truncated ? Problem.TRUNCATED : Problem.COMPRESSED_STREAM,
        (truncated ? "more compressed data, the " + options.compression() + " stream ends early"
            : "a well-formed " + options.compression() + " stream") + " (" + e.getMessage() + ")",
        e);
  }

  private CorruptRecordException corrupt(long at, long idx, Problem p, String expected,
      Throwable cause) {
    return new CorruptRecordException(source, file, options.compression() != Compression.NONE, at,
        idx, p, expected, cause);
  }
}
