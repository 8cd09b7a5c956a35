package dev.rill.train.feature;

/**
 * A declaration of how one model input is made from raw features, TensorFlow's
 * {@code FeatureColumn}. Columns are immutable and made by {@link FeatureColumns}; the consumers
 * apply them in order of {@link #name()}.
 */
public interface FeatureColumn {
  /** The name variables and ordering use ({@code age}, {@code age_bucketized}, {@code a_X_b}). */
  String name();
}
