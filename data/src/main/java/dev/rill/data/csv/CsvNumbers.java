package dev.rill.data.csv;

import java.nio.charset.StandardCharsets;

/**
 * Strict number parsing for CSV fields. Surrounding ASCII white space is allowed (TensorFlow's
 * parsers allow it too); otherwise integers are an optional sign and decimal digits that fit the
 * type, and floats are decimal with an optional exponent, or {@code inf}, {@code infinity},
 * {@code nan} in any case. Java-only forms ({@code 0x1p3}, {@code 1f}, {@code 1d}) are refused.
 * Out-of-range floats become infinities, as in TensorFlow.
 */
final class CsvNumbers {
  private CsvNumbers() {}

  /** The integer in {@code f}, or throws {@link NumberFormatException} (also on overflow). */
  static long parseLong(byte[] f, long min, long max) {
    int from = start(f);
    int to = end(f, from);
    if (from == to) {
      throw new NumberFormatException();
    }
    boolean negative = false;
    if (f[from] == '+' || f[from] == '-') {
      negative = f[from] == '-';
      from++;
    }
    if (from == to) {
      throw new NumberFormatException();
    }
    // Accumulate negatively so that Long.MIN_VALUE fits.
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = f[i] - '0';
      if (d < 0 || d > 9) {
        throw new NumberFormatException();
      }
      if (v < (Long.MIN_VALUE + d) / 10) {
        throw new NumberFormatException();
      }
      v = v * 10 - d;
    }
    if (!negative) {
      if (v == Long.MIN_VALUE) {
        throw new NumberFormatException();
      }
      v = -v;
    }
    if (v < min || v > max) {
      throw new NumberFormatException();
    }
    return v;
  }

  /** The float or double in {@code f} (the caller rounds to float via {@link Float#parseFloat}). */
  static String checkedDecimal(byte[] f) {
    int from = start(f);
    int to = end(f, from);
    String s = new String(f, from, to - from, StandardCharsets.ISO_8859_1);
    int i = 0;
    int n = s.length();
    String sign = "";
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      sign = s.charAt(i) == '-' ? "-" : "";
      i++;
    }
    String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
    if (rest.equals("inf") || rest.equals("infinity")) {
      return sign + "Infinity";
    }
    if (rest.equals("nan")) {
      return "NaN";
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException();
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        throw new NumberFormatException();
      }
    }
    if (i != n) {
      throw new NumberFormatException();
    }
    return s;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }

  private static int start(byte[] f) {
    int i = 0;
    while (i < f.length && isSpace(f[i])) {
      i++;
    }
    return i;
  }

  private static int end(byte[] f, int from) {
    int i = f.length;
    while (i > from && isSpace(f[i - 1])) {
      i--;
    }
    return i;
  }
}
