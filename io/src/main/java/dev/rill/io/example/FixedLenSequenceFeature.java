package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Objects;

/**
 * Rows of a fixed shape, as many per record as it holds, parsed into a dense tensor of shape
 * {@code [batch, maxRows] + shape} padded at the end of each record
 * ({@code tf.io.FixedLenSequenceFeature}).
 *
 * <ul>
 *   <li>In a {@code SequenceExample}'s feature lists, each step is one row and must hold exactly
 *       {@code shape.size()} values. A missing list is an error unless {@code allowMissing}; the
 *       padding is 0 or the empty string, and a default is not allowed (as in TensorFlow).
 *   <li>In an {@code Example}, one feature holds all rows back to back, so its length must be a
 *       multiple of {@code shape.size()}. {@code allowMissing} must be true (a missing feature has
 *       no rows) and {@code defaultValue}, a scalar, is the padding (0 or "" if null).
 * </ul>
 *
 * {@snippet :
 * FixedLenSequenceFeature frames = FixedLenSequenceFeature.of(DType.FLOAT32, 3);
 * FixedLenSequenceFeature tokens = FixedLenSequenceFeature.of(DType.INT64).allowingMissing();
 * }
 *
 * @param shape one row's shape, with at least one element
 * @param dtype FLOAT32, INT64 or STRING
 * @param allowMissing whether records may lack the feature (then they have no rows)
 * @param defaultValue the scalar to pad with when parsing Examples, or null for 0 / ""
 */
public record FixedLenSequenceFeature(Shape shape, DType dtype, boolean allowMissing,
    Tensor defaultValue) implements FeatureSpec {
  public FixedLenSequenceFeature {
    Objects.requireNonNull(shape, "shape");
    Specs.checkDtype(dtype);
    Specs.checkShape(shape);
    if (shape.size() == 0) {
      throw new IllegalArgumentException("a row of shape " + shape + " holds no values");
    }
    if (defaultValue != null && (defaultValue.dtype() != dtype || defaultValue.size() != 1)) {
      throw new IllegalArgumentException("the padding value of a " + dtype
          + " sequence feature must be one " + dtype + " value, got " + defaultValue.spec());
    }
    if (defaultValue != null && defaultValue.rank() != 0) {
      defaultValue = Tensor.wrap(dtype, Shape.scalar(), defaultValue.data());
    }
  }

  /** Rows of {@code shape} ({@code []} for one value per row), required to be present. */
  public static FixedLenSequenceFeature of(DType dtype, int... shape) {
    return new FixedLenSequenceFeature(Shape.of(shape), dtype, false, null);
  }

  /** This feature, allowed to be missing. */
  public FixedLenSequenceFeature allowingMissing() {
    return new FixedLenSequenceFeature(shape, dtype, true, defaultValue);
  }

  /** This feature padded with {@code value} (Examples only). */
  public FixedLenSequenceFeature withPadding(Tensor value) {
    return new FixedLenSequenceFeature(shape, dtype, allowMissing, value);
  }
}
