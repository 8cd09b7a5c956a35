package dev.rill.data.cifar;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.Cursor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.Fingerprint;
import dev.rill.data.dataset.OpenContext;
import dev.rill.data.dataset.Pair;
import dev.rill.data.dataset.Source;
import dev.rill.data.idx.DataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The records of CIFAR binary files, one file after another, as a {@link Dataset} of (image,
 * label) pairs: image uint8 [32, 32, 3] (HWC), label an int32 scalar (the fine label for
 * CIFAR-100). Files are read a record at a time, so the five CIFAR-10 training batches need not fit
 * in memory; skipping seeks.
 *
 * {@snippet :
 * List<Path> files = IntStream.rangeClosed(1, 5)
 *     .mapToObj(i -> dir.resolve("data_batch_" + i + ".bin")).toList();
 * Dataset<Pair<Tensor, Tensor>> train = CifarDataset.of(files, CifarFormat.CIFAR10);
 * }
 *
 * <p>Every file's size is checked when the pass opens it; a damaged file fails the pass with a
 * {@link DatasetException} whose cause is a {@link DataFormatException} naming the file and the
 * offset.
 */
public final class CifarDataset {
  private CifarDataset() {}

  /** (image, label) pairs from {@code files} in order. */
  public static Dataset<Pair<Tensor, Tensor>> of(List<Path> files, CifarFormat format) {
    return Dataset.from(new CifarSource(List.copyOf(files), format));
  }

  private record CifarSource(List<Path> files, CifarFormat format)
      implements Source<Pair<Tensor, Tensor>> {
    @Override
    public Cursor<Pair<Tensor, Tensor>> open(OpenContext context) {
      return new CifarCursor(files, format);
    }

    @Override
    public void describe(Fingerprint f) {
      f.add("cifar").add(format.name()).addFiles(files);
    }
  }

  private static final class CifarCursor implements Cursor<Pair<Tensor, Tensor>> {
    private final List<Path> files;
    private final CifarFormat format;
    private final ByteBuffer record;
    private int file = -1;
    private FileChannel channel;
    private long records;
    private long index;

    CifarCursor(List<Path> files, CifarFormat format) {
      this.files = files;
      this.format = format;
      this.record = ByteBuffer.allocate(format.recordBytes());
    }

    @Override
    public Pair<Tensor, Tensor> next() {
      if (!ready()) {
        return null;
      }
      String name = files.get(file).toString();
      long offset = index * format.recordBytes();
      try {
        record.clear();
        while (record.hasRemaining()) {
          if (channel.read(record, offset + record.position()) < 0) {
            throw new DataFormatException(name, offset + record.position(), "the file ended"
                + " inside record " + index + " (was it changed while being read?)");
          }
        }
        byte[] b = record.array();
        int label = CifarReader.label(b, 0, name, index, format);
        byte[] image = new byte[CifarFormat.IMAGE_BYTES];
        CifarReader.interleave(b, format.labelBytes(), image, 0);
        index++;
        return Pair.of(Tensor.wrap(DType.UINT8, Shape.of(CifarFormat.SIDE, CifarFormat.SIDE, 3),
            image), Tensor.scalar(label));
      } catch (DataFormatException e) {
        throw new DatasetException("CifarDataset: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new DatasetException("CifarDataset: reading " + name + " failed: " + e, e);
      }
    }

    @Override
    public long skip(long n) {
      long k = 0;
      while (k < n && ready()) {
        long step = Math.min(n - k, records - index);
        index += step;
        k += step;
      }
      return k;
    }

    /** Opens files until one has a record left; false after the last. */
    private boolean ready() {
      while (channel == null || index >= records) {
        closeFile();
        if (file + 1 >= files.size()) {
          return false;
        }
        file++;
        Path p = files.get(file);
        try {
          channel = FileChannel.open(p, StandardOpenOption.READ);
          records = CifarReader.recordCount(channel.size(), p.toString(), format);
          index = 0;
        } catch (DataFormatException e) {
          throw new DatasetException("CifarDataset: " + e.getMessage(), e);
        } catch (IOException e) {
          throw new DatasetException("CifarDataset: cannot open " + p + ": " + e, e);
        }
      }
      return true;
    }

    private void closeFile() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // Read-only: nothing is lost when closing fails.
        }
        channel = null;
      }
    }

    @Override
    public void close() {
      closeFile();
      file = files.size();
    }
  }
}
