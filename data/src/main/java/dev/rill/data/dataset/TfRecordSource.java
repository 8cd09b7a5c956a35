package dev.rill.data.dataset;

import dev.rill.io.tfrecord.Compression;
import dev.rill.io.tfrecord.TfRecord;
import dev.rill.io.tfrecord.TfRecordReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The records of TFRecord files, one file after another, as TensorFlow's
 * {@code TFRecordDataset}: each record's payload, both CRCs checked. A damaged record ends the pass
 * with a {@link DatasetException} whose cause, a {@code CorruptRecordException}, names the file
 * and the record's byte offset; skipping reads (and checks) the records without keeping them.
 */
final class TfRecordSource implements Source<byte[]> {
  private final List<Path> files;
  private final Compression compression;

  TfRecordSource(List<Path> files, Compression compression) {
    this.files = List.copyOf(files);
    this.compression = compression;
  }

  @Override
  public Cursor<byte[]> open(OpenContext context) {
    return new RecordCursor();
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("tfRecords").add(compression.tfName()).addFiles(files);
  }

  private final class RecordCursor implements Cursor<byte[]> {
    private int file = -1;
    private TfRecordReader reader;

    @Override
    public byte[] next() {
      TfRecord r = read();
      return r == null ? null : r.payload();
    }

    /** The next record, opening the next file when one ends; null after the last. */
    private TfRecord read() {
      try {
        while (true) {
          if (reader == null) {
            if (file + 1 >= files.size()) {
              return null;
            }
            reader = TfRecordReader.open(files.get(++file), compression);
          }
          TfRecord r = reader.read();
          if (r != null) {
            return r;
          }
          reader.close();
          reader = null;
        }
      } catch (IOException e) {
        close();
        file = files.size();
        if (e instanceof dev.rill.io.tfrecord.CorruptRecordException) {
          throw new DatasetException("tfRecords: " + e.getMessage(), e);
        }
        throw new UncheckedIOException("tfRecords: " + e.getMessage(), e);
      }
    }

    @Override
    public long skip(long n) {
      long k = 0;
      while (k < n && read() != null) {
        k++;
      }
      return k;
    }

    @Override
    public void close() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          reader = null;
        }
      }
    }
  }
}
