package dev.rill.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the records of one CSV file: a record is a line (ending at {@code \n}, with a {@code \r}
 * before it dropped), or several lines when a quoted field holds line breaks (joined by
 * {@code \n}). Lines that are entirely empty between records are skipped. Tracks the line each
 * record starts on, for error messages.
 */
final class CsvRecordReader implements AutoCloseable {
  private final InputStream in;
  private final String file;
  private final byte delim;
  private final boolean quotes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private boolean eof;
  private long lines;

  private byte[] rec = new byte[256];
  private int len;
  private long recordLine;

  CsvRecordReader(InputStream in, String file, CsvOptions options) {
    this.in = in;
    this.file = file;
    this.delim = (byte) options.fieldDelim();
    this.quotes = options.useQuoteDelim();
  }

  /** Reads the next record into {@link #record()}; false at the end of the file. */
  boolean next() throws IOException {
    while (true) {
      len = 0;
      if (!readLine()) {
        return false;
      }
      recordLine = lines;
      if (len == 0) {
        continue;   // a blank line is no record
      }
      if (quotes) {
        int state = scan(0, FIELD_START);
        while (state == IN_QUOTES) {
          append((byte) '\n');
          int from = len;
          if (!readLine()) {
            throw new CsvFormatException(file, recordLine, -1, "a quoted field opened on this line"
                + " is not closed before the end of the file");
          }
          state = scan(from, state);
        }
      }
      return true;
    }
  }

  byte[] record() {
    return rec;
  }

  int length() {
    return len;
  }

  /** The line the last record started on, from 1. */
  long line() {
    return recordLine;
  }

  private static final int FIELD_START = 0;
  private static final int PLAIN = 1;
  private static final int IN_QUOTES = 2;
  private static final int CLOSED = 3;

  /** Follows the quoting through {@code rec[from, len)}; a doubled quote closes and reopens. */
  private int scan(int from, int state) {
    for (int i = from; i < len; i++) {
      byte b = rec[i];
      state = switch (state) {
        case IN_QUOTES -> b == '"' ? CLOSED : IN_QUOTES;
        case CLOSED -> b == '"' ? IN_QUOTES : b == delim ? FIELD_START : PLAIN;
        case FIELD_START -> b == '"' ? IN_QUOTES : b == delim ? FIELD_START : PLAIN;
        default -> b == delim ? FIELD_START : PLAIN;
      };
    }
    return state;
  }

  /** Appends the next physical line to the record; false if there was none. */
  private boolean readLine() throws IOException {
    boolean any = false;
    while (true) {
      if (pos == end && !fill()) {
        if (any) {
          lines++;
          dropCr();
        }
        return any;
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos);
      if (pos < end) {
        pos++;
        lines++;
        dropCr();
        return true;
      }
    }
  }

  private void dropCr() {
    if (len > 0 && rec[len - 1] == '\r') {
      len--;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int r = in.read(buf);
    if (r <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    end = r;
    return true;
  }

  private void append(int from, int to) {
    int n = to - from;
    ensure(n);
    System.arraycopy(buf, from, rec, len, n);
    len += n;
  }

  private void append(byte b) {
    ensure(1);
    rec[len++] = b;
  }

  private void ensure(int n) {
    if (len + n > rec.length) {
      rec = Arrays.copyOf(rec, Math.max(rec.length * 2, len + n));
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
