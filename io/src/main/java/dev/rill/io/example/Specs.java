package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;

/** Checks shared by the feature specs. */
final class Specs {
  private Specs() {}

  /** Rejects dtypes the Example format cannot hold. */
  static void checkDtype(DType dtype) {
    if (dtype != DType.FLOAT32 && dtype != DType.INT64 && dtype != DType.STRING) {
      throw new IllegalArgumentException("feature dtype must be float32, int64 or string, got "
          + dtype);
    }
  }

  /** Rejects shapes with unknown dimensions. */
  static void checkShape(Shape shape) {
    if (!shape.isFullyDefined()) {
      throw new IllegalArgumentException("feature shape must be fully defined, got " + shape);
    }
  }

  /** A tensor of {@code dtype} and {@code shape} from Java values (long, float or String). */
  static Tensor tensorOf(DType dtype, Shape shape, Object values) {
    return switch (values) {
      case long[] v when dtype == DType.INT64 -> Tensor.of(shape, v);
      case float[] v when dtype == DType.FLOAT32 -> Tensor.of(shape, v);
      case String[] v when dtype == DType.STRING -> Tensor.ofStrings(shape, v);
      case byte[][] v when dtype == DType.STRING -> {
        byte[][] c = new byte[v.length][];
        for (int i = 0; i < v.length; i++) {
          c[i] = v[i].clone();
        }
        yield Tensor.wrap(DType.STRING, shape, c);
      }
      default -> throw new IllegalArgumentException("a default for a " + dtype
          + " feature must be " + switch (dtype) {
            case INT64 -> "long values";
            case FLOAT32 -> "float values";
            default -> "strings";
          });
    };
  }
}
