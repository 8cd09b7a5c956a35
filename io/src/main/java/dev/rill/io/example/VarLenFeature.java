package dev.rill.io.example;

import dev.rill.core.DType;

/**
 * A feature with any number of values per record (none if absent), parsed into a
 * {@link SparseTensor} with indices {@code (record, position)} ({@code tf.io.VarLenFeature}). In a
 * {@code SequenceExample}'s feature lists, the indices are {@code (record, step, position)}.
 *
 * {@snippet :
 * VarLenFeature ink = VarLenFeature.of(DType.FLOAT32);
 * }
 *
 * @param dtype FLOAT32, INT64 or STRING
 */
public record VarLenFeature(DType dtype) implements FeatureSpec {
  public VarLenFeature {
    Specs.checkDtype(dtype);
  }

  /** A variable-length feature of {@code dtype}. */
  public static VarLenFeature of(DType dtype) {
    return new VarLenFeature(dtype);
  }
}
