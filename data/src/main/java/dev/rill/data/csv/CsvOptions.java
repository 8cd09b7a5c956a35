package dev.rill.data.csv;

import java.util.Arrays;

/**
 * How CSV records are split into fields, as the attributes of TensorFlow's {@code decode_csv}.
 *
 * {@snippet :
 * CsvOptions tabs = CsvOptions.DEFAULT.withFieldDelim('\t').withNaValue("NA");
 * CsvOptions someColumns = CsvOptions.DEFAULT.withSelectCols(0, 2, 5);
 * }
 *
 * @param fieldDelim the single-byte (ASCII) character between fields
 * @param useQuoteDelim whether a field that starts with {@code "} is quoted (RFC 4180: it may then
 *     hold delimiters and line breaks, and {@code ""} stands for one quote); when false, quotes are
 *     ordinary characters
 * @param naValue a field equal to this string counts as empty (so it takes the column's default);
 *     the empty string (the default) means no extra value is treated as missing
 * @param selectCols the columns to keep, from 0, strictly increasing; empty keeps every column.
 *     Fields after the last selected one are not looked at.
 */
public record CsvOptions(char fieldDelim, boolean useQuoteDelim, String naValue,
    int[] selectCols) {
  /** Comma-separated, quotes honoured, no NA marker, every column. */
  public static final CsvOptions DEFAULT = new CsvOptions(',', true, "", new int[0]);

  public CsvOptions {
    if (fieldDelim == 0 || fieldDelim > 0x7f) {
      throw new IllegalArgumentException("CsvOptions: fieldDelim must be a single ASCII character,"
          + " got U+" + Integer.toHexString(fieldDelim));
    }
    if (useQuoteDelim && fieldDelim == '"') {
      throw new IllegalArgumentException("CsvOptions: fieldDelim cannot be '\"' while quotes are"
          + " honoured");
    }
    if (fieldDelim == '\n' || fieldDelim == '\r') {
      throw new IllegalArgumentException("CsvOptions: fieldDelim cannot be a line break");
    }
    naValue = naValue == null ? "" : naValue;
    selectCols = selectCols == null ? new int[0] : selectCols.clone();
    for (int i = 0; i < selectCols.length; i++) {
      if (selectCols[i] < 0 || (i > 0 && selectCols[i] <= selectCols[i - 1])) {
        throw new IllegalArgumentException("CsvOptions: selectCols must be non-negative and strictly"
            + " increasing, got " + Arrays.toString(selectCols));
      }
    }
  }

  @Override
  public int[] selectCols() {
    return selectCols.clone();
  }

  public CsvOptions withFieldDelim(char delim) {
    return new CsvOptions(delim, useQuoteDelim, naValue, selectCols);
  }

  public CsvOptions withUseQuoteDelim(boolean quotes) {
    return new CsvOptions(fieldDelim, quotes, naValue, selectCols);
  }

  public CsvOptions withNaValue(String na) {
    return new CsvOptions(fieldDelim, useQuoteDelim, na, selectCols);
  }

  public CsvOptions withSelectCols(int... cols) {
    return new CsvOptions(fieldDelim, useQuoteDelim, naValue, cols);
  }

  /** True when only some columns are kept. */
  public boolean selects() {
    return selectCols.length > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvOptions c && c.fieldDelim == fieldDelim
        && c.useQuoteDelim == useQuoteDelim && c.naValue.equals(naValue)
        && Arrays.equals(c.selectCols, selectCols);
  }

  @Override
  public int hashCode() {
    return ((fieldDelim * 31 + Boolean.hashCode(useQuoteDelim)) * 31 + naValue.hashCode()) * 31
        + Arrays.hashCode(selectCols);
  }

  @Override
  public String toString() {
    return "CsvOptions[fieldDelim=" + fieldDelim + ", useQuoteDelim=" + useQuoteDelim
        + ", naValue=" + naValue + ", selectCols=" + Arrays.toString(selectCols) + "]";
  }
}
