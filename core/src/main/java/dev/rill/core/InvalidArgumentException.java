package dev.rill.core;

/**
 * A caller passed something an op cannot take: shapes that do not fit, a dtype the op does not
 * support, an attribute out of range. The message names the op and the values received.
 */
public class InvalidArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  /** {@code op + ": " + message}, so every error starts with the op that raised it. */
  public static InvalidArgumentException of(String op, String message) {
    return new InvalidArgumentException(op + ": " + message);
  }
}
