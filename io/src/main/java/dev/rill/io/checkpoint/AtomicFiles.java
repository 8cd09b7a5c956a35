package dev.rill.io.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Temporary names, durable writes and atomic renames, so readers see whole files or none. */
final class AtomicFiles {
  /** Marks a temporary file; what follows is random. */
  static final String TEMP_MARK = ".tmp-";

  private AtomicFiles() {}

  /** A fresh temporary name beside {@code target}. */
  static Path tempFor(Path target) {
    String r = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    return target.resolveSibling(target.getFileName() + TEMP_MARK + r);
  }

  /** Renames {@code tmp} over {@code target} in one step where the file system allows it. */
  static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes {@code content} to a temporary file, syncs it, then renames it to {@code target}. */
  static void write(Path target, byte[] content) throws IOException {
    Path tmp = tempFor(target);
    try {
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
        while (b.hasRemaining()) {
          c.write(b);
        }
        c.force(true);
      }
      moveIntoPlace(tmp, target);
      syncDirectory(target.toAbsolutePath().getParent());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes a rename durable; a no-op where directories cannot be opened (not POSIX). */
  static void syncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the rename itself is still atomic, only its durability is at stake.
    }
  }
}
