package dev.rill.io.example;

import dev.rill.core.DType;

/**
 * How to parse one feature, as TensorFlow's {@code tf.io.FixedLenFeature},
 * {@code tf.io.VarLenFeature} and {@code tf.io.FixedLenSequenceFeature} describe it. The dtype is
 * float32, int64 or string, matching a float, int64 or bytes list.
 *
 * {@snippet :
 * Map<String, FeatureSpec> spec = Map.of(
 *     "ink", VarLenFeature.of(DType.FLOAT32),
 *     "shape", FixedLenFeature.of(DType.INT64, 2),
 *     "class_index", FixedLenFeature.of(DType.INT64, 1),
 *     "word", FixedLenFeature.of(DType.STRING).withDefault("?"));
 * }
 */
public sealed interface FeatureSpec permits FixedLenFeature, VarLenFeature,
    FixedLenSequenceFeature {
  /** The parsed tensor's element type: FLOAT32, INT64 or STRING. */
  DType dtype();
}
