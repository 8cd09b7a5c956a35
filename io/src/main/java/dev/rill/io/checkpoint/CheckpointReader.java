package dev.rill.io.checkpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.proto.BundleEntryProto;
import dev.rill.io.proto.BundleHeaderProto;
import dev.rill.io.proto.TensorShapeProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TensorFlow V2 checkpoint ({@code <prefix>.index} plus {@code <prefix>.data-*-of-*}),
 * as written by {@code tf.train.Saver}, {@code tf.train.Checkpoint} or {@link CheckpointWriter}.
 *
 * <p>{@link #open} parses and checks the whole index (every block CRC) and checks that each tensor
 * lies inside its data file; {@link #read} checks the tensor's own CRC. Damage anywhere gives a
 * {@link CorruptCheckpointException} naming the file and byte offset.
 *
 * {@snippet :
 * try (CheckpointReader r = CheckpointReader.open(Path.of("model/model.ckpt-1234"))) {
 *   for (String name : r.names()) {
 *     System.out.println(name + " " + r.dtype(name) + r.shape(name));
 *   }
 *   Tensor w = r.read("conv1/weights");
 * }
 * }
 */
public final class CheckpointReader implements AutoCloseable {
  /** The newest tensor-bundle format version this reader understands. */
  static final int BUNDLE_VERSION = 1;

  private record Entry(BundleEntryProto proto, long indexOffset) {}

  private final Path prefix;
  private final Path indexFile;
  private final Map<String, Entry> entries;
  private final Path[] dataFiles;
  private final FileChannel[] channels;

  private CheckpointReader(Path prefix, Path indexFile, Map<String, Entry> entries,
      Path[] dataFiles, FileChannel[] channels) {
    this.prefix = prefix;
    this.indexFile = indexFile;
    this.entries = entries;
    this.dataFiles = dataFiles;
    this.channels = channels;
  }

  /** The index file of {@code prefix}: {@code <prefix>.index}. */
  public static Path indexFile(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".index");
  }

  /** Data shard {@code shard} of {@code numShards}: {@code <prefix>.data-00000-of-00001}. */
  public static Path dataFile(Path prefix, int shard, int numShards) {
    return prefix.resolveSibling(
        String.format("%s.data-%05d-of-%05d", prefix.getFileName(), shard, numShards));
  }

  /** Opens the checkpoint with this prefix (the path without {@code .index}). */
  public static CheckpointReader open(Path prefix) throws IOException {
    Path index = indexFile(prefix);
    TableReader.Table table = TableReader.parse(index, Files.readAllBytes(index));
    List<TableReader.Block> blocks = table.data();
    if (blocks.isEmpty() || blocks.getFirst().entries().isEmpty()
        || blocks.getFirst().entries().getFirst().key().length != 0) {
      throw new CorruptCheckpointException(index, 0,
          "expected the bundle header as the first table entry, under the empty key");
    }
    BundleHeaderProto header = parseHeader(index, blocks.getFirst());
    int numShards = header.getNumShards();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (TableReader.Block block : blocks) {
      for (TableReader.Entry e : block.entries()) {
        if (e.key().length == 0) {
          continue;
        }
        long at = block.offset() + e.offset();
        entries.put(TableReader.str(e.key()), new Entry(parseEntry(index, at, e, numShards), at));
      }
    }
    Path[] files = new Path[numShards];
    FileChannel[] channels = new FileChannel[numShards];
    try {
      for (int s = 0; s < numShards; s++) {
        files[s] = dataFile(prefix, s, numShards);
        if (!Files.isRegularFile(files[s])) {
          throw new CorruptCheckpointException(files[s], 0, "expected data shard " + s + " of "
              + numShards + ", which " + index.getFileName() + " names; the file is missing");
        }
        channels[s] = FileChannel.open(files[s], StandardOpenOption.READ);
      }
      checkBounds(entries, files, channels);
    } catch (IOException | RuntimeException e) {
      closeAll(channels, e);
      throw e;
    }
    return new CheckpointReader(prefix, index, entries, files, channels);
  }

  private static BundleHeaderProto parseHeader(Path index, TableReader.Block first)
      throws IOException {
    BundleHeaderProto h;
    try {
      h = BundleHeaderProto.parseFrom(first.entries().getFirst().value());
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptCheckpointException(index, first.offset(),
          "expected a BundleHeaderProto under the empty key: " + e.getMessage(), e);
    }
    if (h.getNumShards() < 1) {
      throw new CorruptCheckpointException(index, first.offset(),
          "expected num_shards >= 1 in the bundle header, found " + h.getNumShards());
    }
    if (h.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
      throw new UnsupportedCheckpointException(index + ": the checkpoint is "
          + h.getEndianness() + "-endian; Rill reads little-endian checkpoints only");
    }
    if (h.getVersion().getMinConsumer() > BUNDLE_VERSION
        || h.getVersion().getBadConsumersList().contains(BUNDLE_VERSION)) {
      throw new UnsupportedCheckpointException(index + ": checkpoint format " + h.getVersion()
          .toString().replace('\n', ' ') + "does not accept readers of version " + BUNDLE_VERSION);
    }
    return h;
  }

  private static BundleEntryProto parseEntry(Path index, long at, TableReader.Entry e,
      int numShards) throws CorruptCheckpointException {
    String name = TableReader.str(e.key());
    BundleEntryProto p;
    try {
      p = BundleEntryProto.parseFrom(e.value());
    } catch (InvalidProtocolBufferException ex) {
      throw new CorruptCheckpointException(index, at, "expected a BundleEntryProto for '" + name
          + "': " + ex.getMessage(), ex);
    }
    String problem = null;
    if (p.getShardId() < 0 || p.getShardId() >= numShards) {
      problem = "shard_id in [0, " + numShards + "), found " + p.getShardId();
    } else if (p.getOffset() < 0 || p.getSize() < 0) {
      problem = "a non-negative offset and size, found " + p.getOffset() + " and " + p.getSize();
    } else if (p.getShape().getUnknownRank()) {
      problem = "a known shape, found unknown rank";
    } else {
      long n = 1;
      for (TensorShapeProto.Dim d : p.getShape().getDimList()) {
        if (d.getSize() < 0) {
          problem = "dimensions >= 0, found " + d.getSize();
          break;
        }
        n = n > 0 && d.getSize() > Long.MAX_VALUE / n ? -1 : n * d.getSize();
        if (n < 0) {
          problem = "an element count below 2^63";
          break;
        }
      }
      DType dtype = dtypeOf(p);
      if (problem == null && dtype != null && p.getSlicesCount() == 0
          && dtype != DType.STRING && p.getSize() != n * dtype.byteSize()) {
        problem = n + " " + dtype + " elements (" + (n * dtype.byteSize()) + " bytes), found size "
            + p.getSize();
      }
    }
    if (problem != null) {
      throw new CorruptCheckpointException(index, at, "expected tensor '" + name + "' to have "
          + problem);
    }
    return p;
  }

  private static void checkBounds(Map<String, Entry> entries, Path[] files,
      FileChannel[] channels) throws IOException {
    long[] sizes = new long[files.length];
    for (int s = 0; s < files.length; s++) {
      sizes[s] = channels[s].size();
    }
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      BundleEntryProto p = e.getValue().proto();
      long end = p.getOffset() + p.getSize();
      if (end > sizes[p.getShardId()]) {
        throw new CorruptCheckpointException(files[p.getShardId()], sizes[p.getShardId()],
            "expected tensor '" + e.getKey() + "' at bytes [" + p.getOffset() + ", " + end
                + "), past the end of the file (" + sizes[p.getShardId()] + " bytes; truncated?)");
      }
    }
  }

  /** Rill's dtype for an entry, or null if Rill has none. */
  private static DType dtypeOf(BundleEntryProto p) {
    for (DType t : DType.values()) {
      if (t.tfEnum() == p.getDtypeValue()) {
        return t;
      }
    }
    return null;
  }

  public Path prefix() {
    return prefix;
  }

  /** The tensor names, in the table's (unsigned byte) order. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * The tensor's dtype.
   *
   * @throws UnsupportedOperationException if it is a TensorFlow type Rill has no tensor for
   */
  public DType dtype(String name) {
    BundleEntryProto p = entry(name).proto();
    DType t = dtypeOf(p);
    if (t == null) {
      throw new UnsupportedOperationException("CheckpointReader: tensor '" + name + "' has "
          + "TensorFlow dtype " + p.getDtype() + " (" + p.getDtypeValue() + "), which Rill lacks");
    }
    return t;
  }

  /** The tensor's shape. */
  public Shape shape(String name) {
    List<TensorShapeProto.Dim> dims = entry(name).proto().getShape().getDimList();
    int[] d = new int[dims.size()];
    for (int i = 0; i < d.length; i++) {
      long v = dims.get(i).getSize();
      if (v > Integer.MAX_VALUE) {
        throw new UnsupportedOperationException("CheckpointReader: tensor '" + name
            + "' has dimension " + v + ", beyond what a Rill tensor holds");
      }
      d[i] = (int) v;
    }
    return Shape.of(d);
  }

  /** Reads one tensor, checking its CRC. */
  public Tensor read(String name) throws IOException {
    Entry e = entry(name);
    BundleEntryProto p = e.proto();
    if (dtypeOf(p) == null) {
      throw new UnsupportedCheckpointException(indexFile + ": tensor '" + name + "' has dtype "
          + p.getDtype() + " (" + p.getDtypeValue() + "), which Rill has no tensor type for");
    }
    if (p.getSlicesCount() > 0) {
      throw new UnsupportedCheckpointException(indexFile + ": tensor '" + name + "' is a "
          + "partitioned variable saved in " + p.getSlicesCount() + " slices; Rill reads whole "
          + "tensors only");
    }
    Shape shape;
    try {
      shape = shape(name);
      shape.size();
    } catch (UnsupportedOperationException | IllegalArgumentException ex) {
      throw new UnsupportedCheckpointException(ex.getMessage());
    }
    if (p.getSize() > Integer.MAX_VALUE - 16) {
      throw new UnsupportedCheckpointException(indexFile + ": tensor '" + name + "' takes "
          + p.getSize() + " bytes, more than Rill reads into one tensor");
    }
    int s = p.getShardId();
    ByteBuffer buf = ByteBuffer.allocate((int) p.getSize());
    long pos = p.getOffset();
    while (buf.hasRemaining()) {
      int r = channels[s].read(buf, pos);
      if (r < 0) {
        throw new CorruptCheckpointException(dataFiles[s], pos, "expected " + buf.remaining()
            + " more bytes of tensor '" + name + "'; the file ended");
      }
      pos += r;
    }
    buf.flip();
    return TensorCodec.read(name, dtype(name), shape, buf, p.getCrc32C(), dataFiles[s],
        p.getOffset());
  }

  /** Reads every tensor, in name order. */
  public Map<String, Tensor> readAll() throws IOException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (String name : entries.keySet()) {
      out.put(name, read(name));
    }
    return out;
  }

  private Entry entry(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw InvalidArgumentException.of("CheckpointReader", "key '" + name
          + "' not found in checkpoint " + prefix);
    }
    return e;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (FileChannel c : channels) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static void closeAll(FileChannel[] channels, Exception cause) {
    for (FileChannel c : channels) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          cause.addSuppressed(e);
        }
      }
    }
  }
}
