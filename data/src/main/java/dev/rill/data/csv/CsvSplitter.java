package dev.rill.data.csv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one record (its bytes, without the line break that ends it) into fields, as
 * {@code decode_csv} does: a field that starts with a quote runs to the matching closing quote, which
 * must be followed by the delimiter or the end; {@code ""} inside it is one quote; an unquoted
 * field may hold neither quotes (when they are honoured) nor line breaks; a delimiter at the end
 * adds one more, empty, field.
 */
final class CsvSplitter {
  private CsvSplitter() {}

  /**
   * The fields of the selected columns (every column if none are selected). {@code expected} is
   * the number of columns the caller has defaults for.
   */
  static byte[][] split(byte[] rec, int len, CsvOptions o, int expected, String file, long line)
      throws CsvFormatException {
    int[] select = o.selectCols();
    boolean selects = select.length > 0;
    byte delim = (byte) o.fieldDelim();
    List<byte[]> out = new ArrayList<>(expected);
    int col = 0;
    int pos = 0;
    ByteArrayOutputStream quoted = null;
    while (true) {
      boolean keep = selects ? select[out.size()] == col : col < expected;
      byte[] field;
      if (o.useQuoteDelim() && pos < len && rec[pos] == '"') {
        if (quoted == null) {
          quoted = new ByteArrayOutputStream();
        }
        quoted.reset();
        pos++;
        while (true) {
          if (pos >= len) {
            throw new CsvFormatException(file, line, col, "a quoted field has no closing quote");
          }
          byte b = rec[pos];
          if (b == '"') {
            if (pos + 1 < len && rec[pos + 1] == '"') {
              quoted.write('"');
              pos += 2;
              continue;
            }
            pos++;
            if (pos < len && rec[pos] != delim) {
              throw new CsvFormatException(file, line, col, "a quote inside a quoted field must be"
                  + " doubled; a closing quote must be followed by the delimiter or the end of the"
                  + " record");
            }
            break;
          }
          quoted.write(b);
          pos++;
        }
        field = keep ? quoted.toByteArray() : null;
      } else {
        int start = pos;
        while (pos < len && rec[pos] != delim) {
          byte b = rec[pos];
          if ((o.useQuoteDelim() && b == '"') || b == '\n' || b == '\r') {
            throw new CsvFormatException(file, line, col, "an unquoted field cannot contain "
                + (b == '"' ? "a quote (quote the whole field and double it)" : "a line break"));
          }
          pos++;
        }
        field = keep ? Arrays.copyOfRange(rec, start, pos) : null;
      }
      if (keep) {
        out.add(field);
        if (selects && out.size() == select.length) {
          return out.toArray(new byte[0][]);
        }
      }
      col++;
      if (pos >= len) {
        break;
      }
      pos++;   // the delimiter: another field follows, perhaps an empty one at the end
    }
    if (selects) {
      throw new CsvFormatException(file, line, col, "expected at least " + (select[select.length - 1]
          + 1) + " fields (to select column " + select[select.length - 1] + ") but the record has "
          + col);
    }
    if (col != expected) {
      // The column named is the first one missing, or the first one too many.
      throw new CsvFormatException(file, line, Math.min(col, expected), "expected " + expected
          + " fields but the record has " + col);
    }
    return out.toArray(new byte[0][]);
  }
}
