package dev.rill.data.dataset;

/**
 * A node of a pipeline: something that can be opened for a pass. Every {@link Dataset} wraps one.
 * This is the extension point for new readers (a TFRecord file source, say) and operators written
 * outside this package: implement it and wrap it with {@link Dataset#from(Source)}.
 *
 * {@snippet :
 * final class RecordSource implements Source<byte[]> {
 *   public Cursor<byte[]> open(OpenContext context) { return new RecordCursor(files); }
 *   public void describe(Fingerprint f) { f.add("tfrecord").addFiles(files); }
 * }
 * Dataset<byte[]> records = Dataset.from(new RecordSource(files));
 * }
 *
 * <p>An implementation must be deterministic given the {@link OpenContext}: opening it twice with
 * the same context yields the same elements in the same order (random choices derive from
 * {@link OpenContext#seed(long)}). A source that can jump ahead should override
 * {@link Cursor#skip(long)} in its cursor, which makes restoring a position cheap.
 */
public interface Source<T> {
  /** Starts a pass. */
  Cursor<T> open(OpenContext context);

  /**
   * Adds to {@code f} everything that decides which elements this node yields: its kind, its
   * settings, and its inputs (with {@link Fingerprint#add(Source)}). Functions cannot be hashed; a
   * node that applies one adds only its kind.
   */
  void describe(Fingerprint f);
}
