package dev.rill.io.tfrecord;

import dev.rill.io.MaskedCrc32c;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes TFRecord files TensorFlow's {@code TFRecordDataset} reads: each payload framed with its
 * length and masked CRC-32C checksums, optionally inside one gzip or zlib stream.
 *
 * {@snippet :
 * try (TfRecordWriter w = TfRecordWriter.open(path, Compression.GZIP)) {
 *   for (Example e : examples) {
 *     w.write(e.toByteArray());
 *   }
 * }
 * }
 *
 * <p>{@link #open} writes in place, as TensorFlow does: a reader that opens the file while it is
 * being written sees the records flushed so far (and maybe a truncated last one). When readers
 * must see a whole file or none, use {@link #writeAtomically}, which writes a temporary file
 * beside the target, syncs it and renames it over the target.
 *
 * <p>Not thread-safe. Compressed writers flush with a zlib sync flush, so {@link #flush()} makes
 * every record written so far decodable.
 */
public final class TfRecordWriter implements Closeable, Flushable {
  /** The records to put into a file written by {@link #writeAtomically(Path, Compression, Job)}. */
  @FunctionalInterface
  public interface Job {
    /** Writes the file's records to {@code writer}; throwing leaves the target untouched. */
    void writeTo(TfRecordWriter writer) throws IOException;
  }

  private static final int BUFFER = 64 * 1024;
  private static final String TEMP_MARK = ".tmp-";

  private final OutputStream out;
  private final Compression compression;
  private final byte[] header = new byte[TfRecordFormat.HEADER_BYTES];
  private final byte[] footer = new byte[TfRecordFormat.FOOTER_BYTES];
  private long position;
  private long records;
  private boolean closed;

  private TfRecordWriter(OutputStream sink, Compression compression) throws IOException {
    this.compression = Objects.requireNonNull(compression, "compression");
    OutputStream s = new BufferedOutputStream(sink, BUFFER);
    this.out = switch (compression) {
      case NONE -> s;
      case GZIP -> new BufferedOutputStream(new GZIPOutputStream(s, BUFFER, true), BUFFER);
      case ZLIB -> new BufferedOutputStream(new DeflaterOutputStream(s, true), BUFFER);
    };
  }

  /** Creates (or truncates) an uncompressed TFRecord file. */
  public static TfRecordWriter open(Path file) throws IOException {
    return open(file, Compression.NONE);
  }

  /** Creates (or truncates) a TFRecord file with the given compression. */
  public static TfRecordWriter open(Path file, Compression compression) throws IOException {
    return new TfRecordWriter(Files.newOutputStream(file), compression);
  }

  /** Writes records to {@code sink}; {@link #close()} closes it. */
  public static TfRecordWriter of(OutputStream sink, Compression compression) throws IOException {
    return new TfRecordWriter(Objects.requireNonNull(sink, "sink"), compression);
  }

  /**
   * Writes a whole file so that readers see either the previous file (or none) or all of the new
   * one: {@code job} writes to a temporary file beside {@code target}, which is then synced to disk
   * and renamed over {@code target}. If {@code job} throws, the temporary file is deleted and the
   * target is not touched.
   */
  public static void writeAtomically(Path target, Compression compression, Job job)
      throws IOException {
    String r = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Path tmp = target.resolveSibling(target.getFileName() + TEMP_MARK + r);
    try {
      FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try (TfRecordWriter w = new TfRecordWriter(new SyncingChannelStream(channel), compression)) {
        job.writeTo(w);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(target.toAbsolutePath().getParent());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@link #writeAtomically(Path, Compression, Job)} for payloads already in hand. */
  public static void writeAtomically(Path target, Compression compression,
      Iterable<byte[]> payloads) throws IOException {
    writeAtomically(target, compression, w -> {
      for (byte[] p : payloads) {
        w.write(p);
      }
    });
  }

  /**
   * Appends one record.
   *
   * @return the record's offset in the uncompressed stream
   */
  public long write(byte[] payload) throws IOException {
    return write(payload, 0, payload.length);
  }

  /**
   * Appends one record holding {@code payload[off, off + len)}.
   *
   * @return the record's offset in the uncompressed stream
   */
  public long write(byte[] payload, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, payload.length);
    ensureOpen();
    TfRecordFormat.putHeader(header, len);
    TfRecordFormat.putIntLe(footer, 0, MaskedCrc32c.maskedCrc(payload, off, len));
    out.write(header);
    out.write(payload, off, len);
    out.write(footer);
    long at = position;
    position += TfRecordFormat.OVERHEAD_BYTES + (long) len;
    records++;
    return at;
  }

  /** Appends one record holding the remaining bytes of {@code payload}, which it consumes. */
  public long write(ByteBuffer payload) throws IOException {
    byte[] b = new byte[payload.remaining()];
    payload.get(b);
    return write(b);
  }

  /** Records written so far. */
  public long recordsWritten() {
    return records;
  }

  /** Uncompressed bytes written so far (payloads plus 16 bytes of framing each). */
  public long bytesWritten() {
    return position;
  }

  /** The compression this writer applies. */
  public Compression compression() {
    return compression;
  }

  /** Pushes every record written so far to the underlying stream (a sync flush if compressed). */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    out.flush();
  }

  /** Finishes the compressed stream, if any, and closes the file or stream. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("TfRecordWriter is closed");
    }
  }

  /** Makes a rename durable; a no-op where directories cannot be opened. */
  private static void syncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the rename is atomic either way; only its durability is at stake.
    }
  }

  /** Writes to a channel and syncs it to disk before closing, so a rename never exposes holes. */
  private static final class SyncingChannelStream extends OutputStream {
    private final FileChannel channel;

    SyncingChannelStream(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        channel.force(true);
      }
    }
  }
}
