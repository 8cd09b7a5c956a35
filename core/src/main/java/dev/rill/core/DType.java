package dev.rill.core;

/**
 * Element types of a {@link Tensor}, named as TensorFlow names them.
 *
 * {@snippet :
 * Tensor t = Tensor.of(1f, 2f);
 * assert t.dtype() == DType.FLOAT32;
 * }
 */
public enum DType {
  FLOAT32("float32", 4, 1),
  FLOAT64("float64", 8, 2),
  INT32("int32", 4, 3),
  INT64("int64", 8, 9),
  BOOL("bool", 1, 10),
  UINT8("uint8", 1, 4),
  STRING("string", 0, 7),
  COMPLEX64("complex64", 8, 8);

  private final String tfName;
  private final int byteSize;
  private final int tfEnum;

  DType(String tfName, int byteSize, int tfEnum) {
    this.tfName = tfName;
    this.byteSize = byteSize;
    this.tfEnum = tfEnum;
  }

  /** TensorFlow's name, e.g. {@code float32}. */
  public String tfName() {
    return tfName;
  }

  /** Bytes per element (0 for strings, whose elements vary). */
  public int byteSize() {
    return byteSize;
  }

  /** The value of TensorFlow's {@code DataType} proto enum. */
  public int tfEnum() {
    return tfEnum;
  }

  /** float32 or float64. */
  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }

  public boolean isComplex() {
    return this == COMPLEX64;
  }

  /** int32, int64 or uint8. */
  public boolean isInteger() {
    return this == INT32 || this == INT64 || this == UINT8;
  }

  /** Every type arithmetic is defined on: floating, integer and complex. */
  public boolean isNumeric() {
    return isFloating() || isInteger() || isComplex();
  }

  /** Types that gradients flow through (TensorFlow's trainable types). */
  public boolean isDifferentiable() {
    return isFloating() || isComplex();
  }

  /** Parses {@code float32}, {@code int64}, … */
  public static DType fromTfName(String name) {
    for (DType t : values()) {
      if (t.tfName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown dtype '" + name + "'");
  }

  @Override
  public String toString() {
    return tfName;
  }
}
