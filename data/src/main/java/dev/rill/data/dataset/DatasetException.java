package dev.rill.data.dataset;

/**
 * A pipeline failed while producing an element: a user function threw, elements could not be
 * batched together, a file could not be read. The message says which operator, which element
 * (counted from 0 within that operator's pass) and what went wrong; the original exception is the
 * cause.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code "<op>: the function failed on element <i> (epoch <e>): <cause>"}. */
  static DatasetException functionFailed(String op, long element, OpenContext context,
      Throwable cause) {
    return new DatasetException(op + ": the function failed on element " + element + " (epoch "
        + context.epoch() + "): " + cause, cause);
  }
}
