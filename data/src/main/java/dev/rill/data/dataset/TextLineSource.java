package dev.rill.data.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The lines of text files, one file after another, as TensorFlow's {@code TextLineDataset}: a line
 * ends at {@code \n}, a {@code \r} right before it is dropped, and a last line without a newline
 * still counts. Each line's bytes become an element through {@code convert} (a failure there is
 * reported with the file and line); skipping scans bytes without building elements.
 */
final class TextLineSource<T> implements Source<T> {
  private final List<Path> files;
  private final String name;
  private final Function<byte[], T> convert;

  TextLineSource(List<Path> files, String name, Function<byte[], T> convert) {
    this.files = List.copyOf(files);
    this.name = name;
    this.convert = convert;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    return new LineCursor();
  }

  @Override
  public void describe(Fingerprint f) {
    f.add(name).addFiles(files);
  }

  private final class LineCursor implements Cursor<T> {
    private int file = -1;
    /** The file the last line came from (closing a finished file moves {@code file} on). */
    private int lastFile;
    private InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private long line;
    private byte[] acc = new byte[256];
    private int accLen;

    @Override
    public T next() {
      if (!read(true)) {
        return null;
      }
      try {
        return convert.apply(Arrays.copyOf(acc, accLen));
      } catch (RuntimeException e) {
        throw new DatasetException(name + ": " + files.get(lastFile) + " line " + line + ": "
            + e.getMessage(), e);
      }
    }

    @Override
    public long skip(long n) {
      long k = 0;
      while (k < n && read(false)) {
        k++;
      }
      return k;
    }

    /** Reads the next line (into {@code acc} if {@code keep}); false at the end of the last file. */
    private boolean read(boolean keep) {
      while (true) {
        if (in == null && !openNext()) {
          return false;
        }
        lastFile = file;
        accLen = 0;
        boolean any = false;
        while (true) {
          if (pos == end && !fill()) {
            break;
          }
          any = true;
          int start = pos;
          while (pos < end && buf[pos] != '\n') {
            pos++;
          }
          if (keep) {
            append(start, pos);
          }
          if (pos < end) {
            pos++;
            line++;
            if (keep && accLen > 0 && acc[accLen - 1] == '\r') {
              accLen--;
            }
            return true;
          }
        }
        closeFile();
        if (any) {
          line++;
          if (keep && accLen > 0 && acc[accLen - 1] == '\r') {
            accLen--;
          }
          return true;
        }
      }
    }

    private void append(int from, int to) {
      int n = to - from;
      if (accLen + n > acc.length) {
        acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + n));
      }
      System.arraycopy(buf, from, acc, accLen, n);
      accLen += n;
    }

    private boolean fill() {
      try {
        int r = in.read(buf);
        if (r <= 0) {
          return false;
        }
        pos = 0;
        end = r;
        return true;
      } catch (IOException e) {
        throw new DatasetException(name + ": reading " + files.get(file) + " failed after line "
            + line + ": " + e, e);
      }
    }

    private boolean openNext() {
      if (file + 1 >= files.size()) {
        return false;
      }
      file++;
      line = 0;
      pos = 0;
      end = 0;
      try {
        in = Files.newInputStream(files.get(file));
      } catch (IOException e) {
        throw new DatasetException(name + ": cannot open " + files.get(file) + ": " + e, e);
      }
      return true;
    }

    private void closeFile() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // Read-only: nothing is lost when closing fails.
        }
        in = null;
      }
    }

    @Override
    public void close() {
      closeFile();
      file = files.size();
    }
  }
}
