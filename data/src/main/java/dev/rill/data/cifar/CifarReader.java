package dev.rill.data.cifar;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.idx.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CIFAR binary files ({@code data_batch_1.bin}, {@code test_batch.bin}, ...) into images in
 * height-width-channel order, the layout Keras' {@code cifar10.load_data()} returns: the file
 * stores each image as three colour planes (CHW), which this reader interleaves.
 *
 * {@snippet :
 * CifarReader.Batch train = CifarReader.read(Path.of("data/cifar-10-batches-bin/data_batch_1.bin"),
 *     CifarFormat.CIFAR10);
 * train.images();   // uint8 [10000, 32, 32, 3]
 * train.labels();   // int32 [10000]
 * }
 *
 * <p>A file whose size is not a whole number of records, or a label byte out of range, ends in a
 * {@link DataFormatException} naming the file and the byte offset.
 */
public final class CifarReader {
  private CifarReader() {}

  /**
   * The records of one file.
   *
   * @param images uint8 [n, 32, 32, 3]
   * @param labels int32 [n]: the label (the fine label for CIFAR-100)
   * @param coarseLabels int32 [n] for CIFAR-100, else null
   */
  public record Batch(Tensor images, Tensor labels, Tensor coarseLabels) {
    public int size() {
      return labels.size();
    }
  }

  /** Reads a whole file. */
  public static Batch read(Path file, CifarFormat format) throws IOException {
    byte[] b = Files.readAllBytes(file);
    return decode(b, file.toString(), format);
  }

  /** Decodes the bytes of a whole file named {@code name} (for messages). */
  public static Batch decode(byte[] b, String name, CifarFormat format)
      throws DataFormatException {
    int n = recordCount(b.length, name, format);
    byte[] images = new byte[n * CifarFormat.IMAGE_BYTES];
    int[] labels = new int[n];
    int[] coarse = format == CifarFormat.CIFAR100 ? new int[n] : null;
    int rb = format.recordBytes();
    for (int r = 0; r < n; r++) {
      int off = r * rb;
      labels[r] = label(b, off, name, r, format);
      if (coarse != null) {
        coarse[r] = b[off] & 0xff;
      }
      interleave(b, off + format.labelBytes(), images, r * CifarFormat.IMAGE_BYTES);
    }
    Tensor img = Tensor.wrap(DType.UINT8, Shape.of(n, CifarFormat.SIDE, CifarFormat.SIDE, 3),
        images);
    return new Batch(img, Tensor.of(Shape.of(n), labels),
        coarse == null ? null : Tensor.of(Shape.of(n), coarse));
  }

  /** The number of records in {@code size} bytes; throws if it is not a whole number. */
  static int recordCount(long size, String name, CifarFormat format) throws DataFormatException {
    int rb = format.recordBytes();
    if (size % rb != 0) {
      long whole = size - size % rb;
      throw new DataFormatException(name, whole, "the file is " + size + " bytes, not a multiple"
          + " of the " + rb + "-byte " + format + " record; the record starting here has only "
          + (size - whole) + " bytes");
    }
    if (size / rb > Integer.MAX_VALUE / CifarFormat.IMAGE_BYTES) {
      throw new DataFormatException(name, 0, "the file is too large to read at once (" + size
          + " bytes)");
    }
    return (int) (size / rb);
  }

  /** Checks the label byte(s) of the record at {@code off}; returns the (fine) label. */
  static int label(byte[] b, int off, String name, long record, CifarFormat format)
      throws DataFormatException {
    int value = 0;
    for (int i = 0; i < format.labelBytes(); i++) {
      value = b[off + i] & 0xff;
      if (value >= format.labelLimit(i)) {
        throw new DataFormatException(name, off + i, "record " + record + " has label " + value
            + "; " + format + (format.labelBytes() == 2 ? (i == 0 ? " coarse" : " fine") : "")
            + " labels are below " + format.labelLimit(i));
      }
    }
    return value;
  }

  /** Copies one CHW image at {@code b[from]} to HWC at {@code out[to]}. */
  static void interleave(byte[] b, int from, byte[] out, int to) {
    int plane = CifarFormat.SIDE * CifarFormat.SIDE;
    for (int p = 0; p < plane; p++) {
      out[to + 3 * p] = b[from + p];
      out[to + 3 * p + 1] = b[from + plane + p];
      out[to + 3 * p + 2] = b[from + 2 * plane + p];
    }
  }
}
