package dev.rill.models.census;

/** A census column spec that does not parse or does not fit together; names the source and line. */
public final class SpecFormatException extends IllegalArgumentException {
  private final String source;
  private final int line;

  /** @param line the line from 1, or 0 when the problem is the spec as a whole */
  public SpecFormatException(String source, int line, String message) {
    super(source + (line > 0 ? ":" + line : "") + ": " + message);
    this.source = source;
    this.line = line;
  }

  public String source() {
    return source;
  }

  /** The line from 1, or 0 for the spec as a whole. */
  public int line() {
    return line;
  }
}
