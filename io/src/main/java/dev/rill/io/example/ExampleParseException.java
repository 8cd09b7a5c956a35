package dev.rill.io.example;

import dev.rill.core.InvalidArgumentException;

/**
 * A serialized {@code tf.train.Example} or {@code SequenceExample} cannot be decoded, or does not
 * fit the feature spec it is parsed with: TensorFlow raises {@code InvalidArgumentError} in the
 * same cases. The message names the record (its index in the batch and, if given, its name), the
 * feature, and what was expected.
 *
 * {@snippet :
 * try {
 *   ParsedFeatures f = ExampleParser.parseExample(batch, spec);
 * } catch (ExampleParseException e) {
 *   if (e.kind() == ExampleParseException.Kind.MISSING) {
 *     log.warn("record {} lacks {}", e.record(), e.feature());
 *   }
 * }
 * }
 */
public class ExampleParseException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The bytes are not a valid protobuf message of the expected type. */
    MALFORMED,
    /** A feature the spec requires (no default) is absent. */
    MISSING,
    /** A feature holds another list kind than the spec's dtype (e.g. floats for int64). */
    WRONG_TYPE,
    /** A feature holds a number of values its fixed shape does not allow. */
    WRONG_LENGTH
  }

  private final Kind kind;
  private final String feature;
  private final long record;
  private final String recordName;

  /**
   * An error about one record; the message reads {@code record <index> (<name>), feature
   * '<feature>': <kind>: <detail>}.
   *
   * @param kind what went wrong
   * @param feature the feature's name, or null if the record as a whole is at fault
   * @param record the record's index in its batch, or -1 if it stands alone
   * @param recordName the record's name (TensorFlow's {@code example_names}), or null
   * @param detail what was expected and found
   * @param cause the decoder's exception, or null
   */
  public ExampleParseException(Kind kind, String feature, long record, String recordName,
      String detail, Throwable cause) {
    super(message(kind, feature, record, recordName, detail));
    this.kind = kind;
    this.feature = feature;
    this.record = record;
    this.recordName = recordName;
    if (cause != null) {
      initCause(cause);
    }
  }

  private static String message(Kind kind, String feature, long record, String recordName,
      String detail) {
    StringBuilder m = new StringBuilder();
    m.append(record >= 0 ? "record " + record : "record");
    if (recordName != null) {
      m.append(" (").append(recordName).append(')');
    }
    if (feature != null) {
      m.append(", feature '").append(feature).append('\'');
    }
    return m.append(": ").append(kind).append(": ").append(detail).toString();
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The feature at fault, or null when the whole record is (e.g. {@link Kind#MALFORMED}). */
  public String feature() {
    return feature;
  }

  /** Index of the record in its batch, or -1 for a single record. */
  public long record() {
    return record;
  }

  /** The record's name if the caller gave names, else null. */
  public String recordName() {
    return recordName;
  }
}
