package dev.rill.data.idx;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (MNIST's format) into tensors. A file may be plain or gzip-compressed: the
 * reader looks at its first two bytes, not its name. uint8 data becomes a uint8 tensor, float and
 * double data float32 and float64, the integer types int32.
 *
 * {@snippet :
 * Tensor images = IdxReader.read(Path.of("data/train-images-idx3-ubyte.gz"));  // uint8 [60000, 28, 28]
 * Tensor labels = IdxReader.read(Path.of("data/train-labels-idx1-ubyte.gz"));  // uint8 [60000]
 * }
 *
 * <p>Anything that is not a well-formed IDX file ends in a {@link DataFormatException} naming the
 * file, the byte offset and what was expected there. The size the dimensions promise is checked
 * against the file before the data array is allocated, so a damaged header cannot ask for gigabytes.
 */
public final class IdxReader {
  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;
  private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
  private static final long SATURATED = Long.MAX_VALUE / 16;

  private IdxReader() {}

  /** The header of an IDX file: element type, dimensions and the header's length in bytes. */
  public record Header(IdxType type, int[] dims) {
    public Header {
      dims = dims.clone();
    }

    @Override
    public int[] dims() {
      return dims.clone();
    }

    public Shape shape() {
      return Shape.of(dims);
    }

    /** Bytes before the data: the 4-byte magic and 4 bytes per dimension. */
    public int headerBytes() {
      return 4 + 4 * dims.length;
    }

    /** Bytes of data the dimensions promise. */
    public long dataBytes() {
      long n = type.byteSize();
      for (int d : dims) {
        n *= d;
      }
      return n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Header h && h.type == type && Arrays.equals(h.dims, dims);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
      return type.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(dims);
    }
  }

  /** Reads a whole IDX file, plain or gzip-compressed. */
  public static Tensor read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      boolean gz = isGzip(raw);
      long length = gz ? -1 : Files.size(file);
      return read(raw, file.toString(), gz, length);
    }
  }

  /**
   * Reads an IDX stream, plain or gzip-compressed; {@code name} is used in error messages. The
   * stream is read to its end (trailing bytes are an error) but not closed.
   */
  public static Tensor read(InputStream in, String name) throws IOException {
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
    return read(buffered, name, isGzip(buffered), -1);
  }

  /** Reads only the header of an IDX file, plain or gzip-compressed. */
  public static Header readHeader(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      boolean gz = isGzip(raw);
      String name = file.toString();
      CountingStream in = new CountingStream(gz ? gunzip(raw, name) : raw, name, gz);
      return parseHeader(in, name, gz ? -1 : Files.size(file));
    }
  }

  private static Tensor read(InputStream raw, String name, boolean gz, long length)
      throws IOException {
    CountingStream in = new CountingStream(gz ? gunzip(raw, name) : raw, name, gz);
    Header h = parseHeader(in, name, length);
    int n = (int) h.dataBytes();
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new DataFormatException(name, in.count(), "truncated data: " + h + " needs " + n
          + " data bytes after the " + h.headerBytes() + "-byte header, found only "
          + bytes.length + where(gz));
    }
    if (in.read() >= 0) {
      throw new DataFormatException(name, in.count() - 1, "extra bytes after the " + n
          + " data bytes that " + h + " describes: the dimensions do not match the length"
          + where(gz));
    }
    return toTensor(h, bytes);
  }

  private static Header parseHeader(CountingStream in, String name, long length)
      throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) {
      throw new DataFormatException(name, magic.length,
          "truncated header: expected a 4-byte magic number, the file has " + magic.length + " bytes");
    }
    int m = ByteBuffer.wrap(magic).getInt();
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DataFormatException(name, 0, String.format(
          "bad magic number 0x%08X: expected two zero bytes, a type byte and a rank byte"
              + " (0x00000803 for images, 0x00000801 for labels)", m));
    }
    IdxType type = IdxType.ofCode(magic[2] & 0xff);
    if (type == null) {
      throw new DataFormatException(name, 2, String.format(
          "bad magic number 0x%08X: unknown element type 0x%02X, expected one of %s",
          m, magic[2] & 0xff, IdxType.allCodes()));
    }
    int rank = magic[3] & 0xff;
    int[] dims = new int[rank];
    long elements = 1;
    for (int i = 0; i < rank; i++) {
      long at = in.count();
      byte[] d = in.readNBytes(4);
      if (d.length < 4) {
        throw new DataFormatException(name, at + d.length, "truncated header: expected " + rank
            + " big-endian 4-byte dimensions, the file ends inside dimension " + i);
      }
      long dim = ByteBuffer.wrap(d).getInt() & 0xffffffffL;
      if (dim > Integer.MAX_VALUE) {
        throw new DataFormatException(name, at, "dimension " + i + " is " + dim
            + ", larger than a tensor dimension can be (" + Integer.MAX_VALUE + ")");
      }
      dims[i] = (int) dim;
      // saturate rather than overflow: the size check below rejects anything this large
      elements = dim == 0 ? 0 : (elements > SATURATED / dim ? SATURATED : elements * dim);
    }
    Header h = new Header(type, dims);
    long header = h.headerBytes();
    long data = elements * type.byteSize();
    if (data > MAX_ARRAY_BYTES) {
      throw new DataFormatException(name, 4, "dimensions " + Arrays.toString(dims) + " of "
          + h.type().name().toLowerCase(java.util.Locale.ROOT) + " need " + data
          + " bytes, more than one Java array can hold");
    }
    if (length >= 0 && length != header + data) {
      throw new DataFormatException(name, Math.min(length, header + data),
          (length < header + data ? "truncated data: " : "extra bytes after the data: ")
              + h + " needs " + (header + data) + " bytes (" + header + "-byte header + " + data
              + " data bytes), the file has " + length);
    }
    return h;
  }

  private static Tensor toTensor(Header h, byte[] bytes) {
    Shape shape = h.shape();
    ByteBuffer buf = ByteBuffer.wrap(bytes);   // big-endian by default, as IDX is
    int n = shape.size();
    return switch (h.type()) {
      case UBYTE -> Tensor.wrap(h.type().dtype(), shape, bytes);
      case BYTE -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = bytes[i];
        }
        yield Tensor.wrap(h.type().dtype(), shape, v);
      }
      case SHORT -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = buf.getShort();
        }
        yield Tensor.wrap(h.type().dtype(), shape, v);
      }
      case INT -> {
        int[] v = new int[n];
        buf.asIntBuffer().get(v);
        yield Tensor.wrap(h.type().dtype(), shape, v);
      }
      case FLOAT -> {
        float[] v = new float[n];
        buf.asFloatBuffer().get(v);
        yield Tensor.wrap(h.type().dtype(), shape, v);
      }
      case DOUBLE -> {
        double[] v = new double[n];
        buf.asDoubleBuffer().get(v);
        yield Tensor.wrap(h.type().dtype(), shape, v);
      }
    };
  }

  /** True if the stream starts with gzip's magic bytes; the stream is left where it was. */
  static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
  }

  private static InputStream gunzip(InputStream raw, String name) throws IOException {
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (IOException e) {
      throw new DataFormatException(name, 0, "bad gzip header: " + e.getMessage(), e);
    }
  }

  private static String where(boolean gz) {
    return gz ? " (offsets count decompressed bytes)" : "";
  }

  /**
   * Counts the bytes read, so errors can say where they happened, and turns the decompressor's
   * errors (corrupt or truncated gzip data) into {@link DataFormatException}s at that offset.
   */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    private final String name;
    private final boolean gz;
    private long count;

    CountingStream(InputStream in, String name, boolean gz) {
      this.in = in;
      this.name = name;
      this.gz = gz;
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b;
      try {
        b = in.read();
      } catch (IOException e) {
        throw damaged(e);
      }
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        throw damaged(e);
      }
      if (n > 0) {
        count += n;
      }
      return n;
    }

    private IOException damaged(IOException e) {
      if (!gz) {
        return e;   // a real I/O error, not a format problem
      }
      return new DataFormatException(name, count, "corrupt gzip data (" + e.getClass().getSimpleName()
          + ": " + e.getMessage() + ")" + where(true), e);
    }
  }
}
