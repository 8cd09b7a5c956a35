package dev.rill.io.checkpoint;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.io.proto.BundleEntryProto;
import dev.rill.io.proto.BundleHeaderProto;
import dev.rill.io.proto.DataType;
import dev.rill.io.proto.TensorShapeProto;
import dev.rill.io.proto.VersionDef;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tensors as a TensorFlow V2 checkpoint that {@code tf.train.load_checkpoint}, TF1
 * {@code Saver.restore} and the {@code RestoreV2} op read: {@code <prefix>.data-00000-of-00001}
 * holds the tensors back to back in the map's iteration order, {@code <prefix>.index} the sorted
 * table of where each one is. For the same names and order the bytes equal TensorFlow's.
 *
 * <p>Both files are written under temporary names, synced, and renamed into place, data first and
 * index last: a reader that finds the index finds a complete checkpoint, and a crash mid-write
 * leaves at worst stray temporary files.
 *
 * {@snippet :
 * Map<String, Tensor> vars = new LinkedHashMap<>();
 * vars.put("dense/kernel", kernel);
 * vars.put("global_step", Tensor.scalar(1234L));
 * CheckpointWriter.write(Path.of("model/model.ckpt-1234"), vars);
 * }
 */
public final class CheckpointWriter {
  /** The tensor-bundle format version written into the header. */
  static final int PRODUCER_VERSION = 1;

  private CheckpointWriter() {}

  /** Writes {@code tensors} under {@code prefix}, replacing any checkpoint already there. */
  public static void write(Path prefix, Map<String, Tensor> tensors) throws IOException {
    TreeMap<byte[], BundleEntryProto> index = new TreeMap<>(Arrays::compareUnsigned);
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
        throw InvalidArgumentException.of("CheckpointWriter", "tensor names must be non-empty "
            + "(the empty key holds the header) and tensors non-null, got '" + e.getKey() + "'");
      }
    }
    Path indexFile = CheckpointReader.indexFile(prefix);
    Path dataFile = CheckpointReader.dataFile(prefix, 0, 1);
    Path parent = indexFile.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path dataTmp = AtomicFiles.tempFor(dataFile);
    Path indexTmp = AtomicFiles.tempFor(indexFile);
    try {
      try (FileOutputStream fos = new FileOutputStream(dataTmp.toFile());
          OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
          TensorCodec.Written w = TensorCodec.write(e.getValue(), out);
          byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
          if (index.put(key, entry(e.getValue(), offset, w)) != null) {
            throw InvalidArgumentException.of("CheckpointWriter", "two tensor names encode to "
                + "the same UTF-8 bytes: '" + e.getKey() + "'");
          }
          offset += w.size();
        }
        out.flush();
        fos.getFD().sync();
      }
      try (FileOutputStream fos = new FileOutputStream(indexTmp.toFile());
          OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
        TableWriter table = new TableWriter(out);
        table.add(new byte[0], header().toByteArray());
        for (Map.Entry<byte[], BundleEntryProto> e : index.entrySet()) {
          table.add(e.getKey(), e.getValue().toByteArray());
        }
        table.finish();
        out.flush();
        fos.getFD().sync();
      }
      AtomicFiles.moveIntoPlace(dataTmp, dataFile);
      AtomicFiles.moveIntoPlace(indexTmp, indexFile);
      AtomicFiles.syncDirectory(parent);
    } finally {
      Files.deleteIfExists(dataTmp);
      Files.deleteIfExists(indexTmp);
    }
  }

  static BundleHeaderProto header() {
    return BundleHeaderProto.newBuilder()
        .setNumShards(1)
        .setEndianness(BundleHeaderProto.Endianness.LITTLE)
        .setVersion(VersionDef.newBuilder().setProducer(PRODUCER_VERSION))
        .build();
  }

  private static BundleEntryProto entry(Tensor t, long offset, TensorCodec.Written w) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (int d : t.shape().dims()) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return BundleEntryProto.newBuilder()
        .setDtype(DataType.forNumber(t.dtype().tfEnum()))
        .setShape(shape)
        .setShardId(0)
        .setOffset(offset)
        .setSize(w.size())
        .setCrc32C(w.maskedCrc())
        .build();
  }
}
