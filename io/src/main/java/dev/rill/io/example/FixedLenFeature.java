package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Objects;

/**
 * A feature with exactly {@code shape.size()} values in every record, parsed into a dense tensor
 * of shape {@code [batch] + shape} ({@code tf.io.FixedLenFeature}). A record without the feature
 * takes {@code defaultValue}; without a default, it is an error.
 *
 * {@snippet :
 * FixedLenFeature label = FixedLenFeature.of(DType.INT64);          // scalar per record
 * FixedLenFeature xy = FixedLenFeature.of(DType.FLOAT32, 2).withDefault(0f, 0f);
 * }
 *
 * @param shape the shape of one record's value
 * @param dtype FLOAT32, INT64 or STRING
 * @param defaultValue the value for records that lack the feature (same dtype and element count
 *     as {@code shape}), or null if the feature is required
 */
public record FixedLenFeature(Shape shape, DType dtype, Tensor defaultValue)
    implements FeatureSpec {
  public FixedLenFeature {
    Objects.requireNonNull(shape, "shape");
    Specs.checkDtype(dtype);
    Specs.checkShape(shape);
    if (defaultValue != null) {
      if (defaultValue.dtype() != dtype) {
        throw new IllegalArgumentException("default of a " + dtype + " feature is "
            + defaultValue.dtype());
      }
      if (defaultValue.size() != shape.size()) {
        throw new IllegalArgumentException("default with " + defaultValue.size()
            + " elements does not fit feature shape " + shape);
      }
      if (!defaultValue.shape().equals(shape)) {
        defaultValue = Tensor.wrap(dtype, shape, defaultValue.data());
      }
    }
  }

  /** A required feature of the given dtype and shape ({@code []} for one value per record). */
  public static FixedLenFeature of(DType dtype, int... shape) {
    return new FixedLenFeature(Shape.of(shape), dtype, null);
  }

  /** This feature with a default (reshaped to {@link #shape()}). */
  public FixedLenFeature withDefault(Tensor value) {
    return new FixedLenFeature(shape, dtype, value);
  }

  /** This int64 feature with a default. */
  public FixedLenFeature withDefault(long... values) {
    return withDefault(Specs.tensorOf(dtype, Shape.of(values.length), values));
  }

  /** This float32 feature with a default. */
  public FixedLenFeature withDefault(float... values) {
    return withDefault(Specs.tensorOf(dtype, Shape.of(values.length), values));
  }

  /** This string feature with a default (UTF-8 encoded). */
  public FixedLenFeature withDefault(String... values) {
    return withDefault(Specs.tensorOf(dtype, Shape.of(values.length), values));
  }

  /**
   * Whether records may lack the feature. A feature of zero elements is always required, as in
   * TensorFlow, which cannot tell an empty default from none.
   */
  public boolean hasDefault() {
    return defaultValue != null && defaultValue.size() > 0;
  }
}
