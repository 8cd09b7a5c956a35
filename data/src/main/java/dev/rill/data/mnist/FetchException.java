package dev.rill.data.mnist;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Some files could not be downloaded from any mirror. {@link #attempts()} lists every URL tried and
 * what went wrong; the message also says how to get the files by hand.
 */
public class FetchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** One failed download: the file, the URL and the error. */
  public record Attempt(String file, URI url, String error) {}

  private final transient List<Attempt> attempts;

  public FetchException(String message, List<Attempt> attempts) {
    super(message);
    this.attempts = List.copyOf(attempts);
  }

  public List<Attempt> attempts() {
    return attempts;
  }
}
