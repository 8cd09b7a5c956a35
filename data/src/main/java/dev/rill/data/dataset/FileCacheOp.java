package dev.rill.data.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the elements of the first complete pass to a file and reads later passes (in this
 * process or another) from it, as {@code cache(filename)}. The pass writes to a temporary file
 * beside the target and renames it only at the end of the pass, so a pass cut short (or a crash)
 * never leaves a file that later reads as complete. As with the memory cache, the input is opened
 * as epoch 0 would open it.
 *
 * <p>The file starts with the input's fingerprint; reading a file written by a different pipeline
 * fails rather than serve the wrong elements. It ends with the number of elements, which is
 * checked.
 */
final class FileCacheOp<T> implements Source<T> {
  private static final long MAGIC = 0x52494C4C43414348L; // "RILLCACH"
  private static final int VERSION = 1;
  private static final byte ELEMENT = 1;
  private static final byte END = 0;

  private final Source<T> input;
  private final Path file;

  FileCacheOp(Source<T> input, Path file) {
    this.input = input;
    this.file = file;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    long fingerprint = Fingerprint.of(input);
    return Files.isRegularFile(file) ? new Reader(fingerprint) : new Writer(fingerprint);
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("cacheFile").add(file.toString()).add(input);
  }

  private DatasetException failure(String what, long element, Throwable e) {
    return new DatasetException("cache: " + what + " " + file + " at element " + element + ": "
        + e.getMessage(), e);
  }

  private final class Reader implements Cursor<T> {
    private final DataInputStream in;
    private long count;
    private boolean done;

    Reader(long fingerprint) {
      try {
        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      } catch (IOException e) {
        throw failure("cannot open", 0, e);
      }
      try {
        if (in.readLong() != MAGIC || in.readInt() != VERSION) {
          throw new IOException("not a Rill cache file of version " + VERSION);
        }
        long written = in.readLong();
        if (written != fingerprint) {
          throw new IOException("it was written by a different pipeline (fingerprint "
              + Long.toHexString(written) + ", this one " + Long.toHexString(fingerprint)
              + "); delete it to cache afresh");
        }
      } catch (IOException e) {
        close();
        throw failure("cannot read", 0, e instanceof EOFException
            ? new IOException("the file is truncated", e) : e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
      if (done) {
        return null;
      }
      try {
        byte tag = in.readByte();
        if (tag == END) {
          long n = in.readLong();
          if (n != count) {
            throw new IOException("the file says " + n + " elements but holds " + count);
          }
          close();
          return null;
        }
        if (tag != ELEMENT) {
          throw new IOException("unexpected record tag " + tag);
        }
        T e = (T) ElementCodec.read(in);
        count++;
        return e;
      } catch (IOException e) {
        close();
        throw failure("cannot read", count, e instanceof EOFException
            ? new IOException("the file is truncated", e) : e);
      }
    }

    @Override
    public void close() {
      done = true;
      try {
        in.close();
      } catch (IOException e) {
        // read-only
      }
    }
  }

  private final class Writer implements Cursor<T> {
    private final Cursor<T> in;
    private final Path temp;
    private final DataOutputStream out;
    private long count;
    private boolean done;

    Writer(long fingerprint) {
      temp = file.resolveSibling(file.getFileName() + ".tmp-"
          + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      try {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
          Files.createDirectories(dir);
        }
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(fingerprint);
      } catch (IOException e) {
        deleteTemp();
        throw failure("cannot write", 0, e);
      }
      Cursor<T> c;
      try {
        c = input.open(OpenContext.forEpoch(0));
      } catch (RuntimeException e) {
        abandon();
        throw e;
      }
      in = c;
    }

    @Override
    public T next() {
      if (done) {
        return null;
      }
      T e;
      try {
        e = in.next();
      } catch (RuntimeException ex) {
        close();
        throw ex;
      }
      try {
        if (e == null) {
          out.writeByte(END);
          out.writeLong(count);
          out.close();
          try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException ex) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
          }
          done = true;
          in.close();
          return null;
        }
        out.writeByte(ELEMENT);
        ElementCodec.write(out, e);
        count++;
        return e;
      } catch (IOException ex) {
        close();
        throw failure("cannot write", count, ex);
      }
    }

    private void abandon() {
      try {
        out.close();
      } catch (IOException e) {
        // the file is being thrown away
      }
      deleteTemp();
    }

    private void deleteTemp() {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a stray temporary file is harmless: it never reads as the cache
      }
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        abandon();
        in.close();
      }
    }
  }
}
