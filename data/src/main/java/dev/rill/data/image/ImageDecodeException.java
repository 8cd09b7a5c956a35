package dev.rill.data.image;

/**
 * Encoded image bytes could not be decoded: not a PNG or JPEG, truncated, corrupt, or larger than
 * the decoder accepts. The message names the source and what was wrong; both are also fields.
 *
 * {@snippet :
 * try {
 *   Tensor rgb = ImageCodecs.decodeImage(bytes, 3, "cats/0001.jpg");
 * } catch (ImageDecodeException e) {
 *   log.warn("skipping {}: {}", e.source(), e.problem());
 * }
 * }
 *
 * <p>Unchecked, like TensorFlow's {@code InvalidArgumentError}, so that decoders can be used inside
 * {@code Dataset.map} functions.
 */
public class ImageDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String problem;

  public ImageDecodeException(String source, String problem) {
    this(source, problem, null);
  }

  public ImageDecodeException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.problem = problem;
  }

  /** The file name or other label the caller gave for the bytes. */
  public String source() {
    return source;
  }

  /** What was wrong, without the source. */
  public String problem() {
    return problem;
  }
}
