package dev.rill.io.example;

import dev.rill.core.Tensor;
import java.util.Collections;
import java.util.Map;

/**
 * What {@link SequenceExampleParser} returns, as {@code tf.io.parse_sequence_example} does: the
 * parsed context features, the parsed feature lists, and for each dense feature list the number of
 * steps each record had (int64 {@code [batch]}, or a scalar for a single record).
 *
 * @param context the context features, parsed like an Example's
 * @param featureLists the feature lists: dense {@code [batch, maxSteps] + shape}, sparse with
 *     indices {@code (record, step, position)}
 * @param lengths for each {@link FixedLenSequenceFeature}, each record's number of steps
 */
public record ParsedSequenceExamples(ParsedFeatures context, ParsedFeatures featureLists,
    Map<String, Tensor> lengths) {
  public ParsedSequenceExamples {
    lengths = Collections.unmodifiableMap(lengths);
  }

  /** The step counts of the dense feature list {@code name}. */
  public Tensor length(String name) {
    Tensor t = lengths.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no dense feature list '" + name + "' (dense lists: "
          + lengths.keySet() + ")");
    }
    return t;
  }
}
