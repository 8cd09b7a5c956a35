package dev.rill.io.checkpoint;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Exact tensor comparison and seeded sample tensors for checkpoint tests. */
final class Tensors {
  private Tensors() {}

  /** Same dtype, shape and bits (NaN payloads included). */
  static void assertSame(String what, Tensor got, Tensor expected) {
    if (got.dtype() != expected.dtype() || !got.shape().equals(expected.shape())) {
      throw new AssertionError(what + ": " + got.spec() + ", expected " + expected.spec());
    }
    boolean same = switch (got.dtype()) {
      case FLOAT32, COMPLEX64 -> Arrays.equals(bits((float[]) got.data()),
          bits((float[]) expected.data()));
      case FLOAT64 -> Arrays.equals(bits(got.doubleData()), bits(expected.doubleData()));
      case INT32 -> Arrays.equals(got.intData(), expected.intData());
      case INT64 -> Arrays.equals(got.longData(), expected.longData());
      case BOOL -> Arrays.equals(got.boolData(), expected.boolData());
      case UINT8 -> Arrays.equals(got.uint8Data(), expected.uint8Data());
      case STRING -> Arrays.deepEquals(got.stringData(), expected.stringData());
    };
    if (!same) {
      throw new AssertionError(what + ": values differ");
    }
  }

  static void assertSame(Map<String, Tensor> got, Map<String, Tensor> expected) {
    if (!got.keySet().equals(expected.keySet())) {
      throw new AssertionError("names " + got.keySet() + ", expected " + expected.keySet());
    }
    expected.forEach((k, v) -> assertSame(k, got.get(k), v));
  }

  private static int[] bits(float[] f) {
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = Float.floatToRawIntBits(f[i]);
    }
    return b;
  }

  private static long[] bits(double[] d) {
    long[] b = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      b[i] = Double.doubleToRawLongBits(d[i]);
    }
    return b;
  }

  /** A tensor of {@code dtype} and {@code shape} with seeded values covering edge cases. */
  static Tensor random(DType dtype, Shape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = shape.size();
    Object data = Tensor.allocate(dtype, n);
    switch (dtype) {
      case FLOAT32, COMPLEX64 -> {
        float[] f = (float[]) data;
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) r.nextGaussian();
        }
      }
      case FLOAT64 -> {
        double[] d = (double[]) data;
        for (int i = 0; i < n; i++) {
          d[i] = r.nextGaussian() * 1e10;
        }
      }
      case INT32 -> {
        int[] d = (int[]) data;
        for (int i = 0; i < n; i++) {
          d[i] = r.nextInt();
        }
      }
      case INT64 -> {
        long[] d = (long[]) data;
        for (int i = 0; i < n; i++) {
          d[i] = r.nextLong();
        }
      }
      case BOOL -> {
        boolean[] d = (boolean[]) data;
        for (int i = 0; i < n; i++) {
          d[i] = r.nextBoolean();
        }
      }
      case UINT8 -> r.nextBytes((byte[]) data);
      case STRING -> {
        byte[][] s = (byte[][]) data;
        for (int i = 0; i < n; i++) {
          // Lengths up to 300 make some varints two bytes long.
          s[i] = new byte[r.nextInt(i % 7 == 0 ? 300 : 12)];
          r.nextBytes(s[i]);
        }
      }
    }
    return Tensor.wrap(dtype, shape, data);
  }
}
