package dev.rill.core.kernel.conv;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;

/**
 * For kernels written once in double precision: read a float32, float64 or uint8 tensor as doubles
 * and wrap double results back in the requested floating dtype. Used where the float32 path is not
 * hot enough to deserve its own loop; float32 results are then rounded once, at the end.
 *
 * {@snippet :
 * double[] x = Doubles.of(t);                       // t is float32: a widened copy
 * Tensor y = Doubles.wrap(t.dtype(), t.shape(), x); // float32 again
 * }
 */
public final class Doubles {
  private Doubles() {}

  /** The tensor's values; float64 data is returned as is and must not be written. */
  public static double[] of(Tensor t) {
    return switch (t.dtype()) {
      case FLOAT64 -> t.doubleData();
      case FLOAT32 -> {
        float[] f = t.floatData();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
        yield d;
      }
      default -> t.toDoubleArray();
    };
  }

  /** A float32 or float64 tensor holding {@code values}. */
  public static Tensor wrap(DType dtype, Shape shape, double[] values) {
    if (dtype == DType.FLOAT64) {
      return Tensor.wrap(dtype, shape, values);
    }
    if (dtype != DType.FLOAT32) {
      throw new IllegalArgumentException("Doubles.wrap: " + dtype + " is not float32 or float64");
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return Tensor.wrap(dtype, shape, f);
  }
}
