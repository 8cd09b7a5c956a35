package dev.rill.data.csv;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing for CSV fields as TensorFlow's {@code DecodeCSV} parses them (checked against the
 * op). Surrounding ASCII white space is allowed. Integers are an optional minus sign and decimal
 * digits that fit the type (no plus sign). Floats are decimal with an optional sign and exponent,
 * a hexadecimal integer ({@code 0x10}), or {@code inf} or {@code nan} in any case (not
 * {@code infinity}); a field of 32 characters or more is refused (the op's buffer limit).
 * Java-only forms ({@code 0x1p3}, {@code 1f}, {@code 1d}) are refused. Out-of-range floats become
 * infinities.
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
    if (f[from] == '-') {
      negative = true;
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

  /** The float32 in {@code f}, or throws {@link NumberFormatException}. */
  static float parseFloat(byte[] f) {
    String s = checkedDecimal(f);
    return s.startsWith("0x") || s.startsWith("-0x")
        ? hex(s).floatValue() : Float.parseFloat(s);
  }

  /** The float64 in {@code f}, or throws {@link NumberFormatException}. */
  static double parseDouble(byte[] f) {
    String s = checkedDecimal(f);
    return s.startsWith("0x") || s.startsWith("-0x")
        ? hex(s).doubleValue() : Double.parseDouble(s);
  }

  private static java.math.BigInteger hex(String s) {
    boolean negative = s.startsWith("-");
    java.math.BigInteger v = new java.math.BigInteger(s.substring(negative ? 3 : 2), 16);
    return negative ? v.negate() : v;
  }

  /** {@code f} checked and normalised for Java's parsers ({@code 0x..} kept for {@link #hex}). */
  private static String checkedDecimal(byte[] f) {
    if (f.length >= 32) {
      throw new NumberFormatException();
    }
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
    if (rest.equals("inf")) {
      return sign + "Infinity";
    }
    if (rest.equals("nan")) {
      return "NaN";
    }
    if (rest.startsWith("0x") && rest.length() > 2
        && rest.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return sign + rest;
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
