package dev.rill.data.idx;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tensors as IDX files (uint8, int32, float32 or float64), gzip-compressed when the file
 * name ends in {@code .gz}. The file appears under its name only when complete: it is written to
 * a temporary file beside it and renamed.
 *
 * {@snippet :
 * IdxWriter.write(labels, Path.of("out/train-labels-idx1-ubyte.gz"));   // uint8 [n]
 * }
 */
public final class IdxWriter {
  private IdxWriter() {}

  /** Writes {@code t} to {@code file}; a name ending in {@code .gz} gets gzip compression. */
  public static void write(Tensor t, Path file) throws IOException {
    IdxType type = typeOf(t);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = partFile(file);
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        if (file.getFileName().toString().endsWith(".gz")) {
          try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            write(t, type, gz);
          }
        } else {
          write(t, type, out);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code t} as uncompressed IDX to {@code out}, which is flushed but not closed. */
  public static void write(Tensor t, OutputStream out) throws IOException {
    write(t, typeOf(t), out);
  }

  private static IdxType typeOf(Tensor t) {
    IdxType type = IdxType.forDType(t.dtype());
    if (type == null) {
      throw new InvalidArgumentException("IdxWriter: IDX cannot hold " + t.dtype()
          + " data (shape " + t.shape() + "); expected uint8, int32, float32 or float64");
    }
    if (t.rank() > 255) {
      throw new InvalidArgumentException("IdxWriter: rank " + t.rank() + " exceeds IDX's 255");
    }
    return type;
  }

  private static void write(Tensor t, IdxType type, OutputStream sink) throws IOException {
    DataOutputStream out = new DataOutputStream(sink);
    out.writeByte(0);
    out.writeByte(0);
    out.writeByte(type.code());
    out.writeByte(t.rank());
    for (int d : t.shape().dims()) {
      out.writeInt(d);
    }
    switch (type) {
      case UBYTE -> out.write(t.uint8Data());
      case INT -> {
        for (int v : t.intData()) {
          out.writeInt(v);
        }
      }
      case FLOAT -> {
        for (float v : t.floatData()) {
          out.writeFloat(v);
        }
      }
      case DOUBLE -> {
        for (double v : t.doubleData()) {
          out.writeDouble(v);
        }
      }
      default -> throw new IllegalStateException("unreachable: " + type);
    }
    out.flush();
  }

  /**
   * A new empty file beside {@code target} for writing it. Unlike {@code Files.createTempFile},
   * which makes files only the owner can read, it gets the usual permissions, which the finished
   * file keeps after the rename.
   */
  private static Path partFile(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    while (true) {
      Path p = dir.resolve("." + target.getFileName() + "."
          + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt()) + ".part");
      try {
        return Files.createFile(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another writer's name: draw again
      }
    }
  }
}
