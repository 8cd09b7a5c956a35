package dev.rill.core.ops.math;

import dev.rill.core.DType;
import dev.rill.core.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Tight loops for the common casts among float32, float64, int32 and bool. Each gives the bits the
 * generic path gives (which goes through a double): float to int truncates through a long, as C's
 * static_cast does on the way to TensorFlow's answer, and anything nonzero (NaN too) is true.
 */
final class CastRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private CastRows() {}

  /** A loop over {@code [from, to)}. */
  @FunctionalInterface
  private interface Loop {
    void run(int from, int to);
  }

  /** Casts {@code n} elements of {@code in} into {@code out}; false if the pair has no loop here. */
  static boolean cast(DType from, Object in, DType to, Object out, int n) {
    Loop loop = loop(from, in, to, out);
    if (loop == null) {
      return false;
    }
    Parallel.range(n, BroadcastRuns.GRAIN, loop::run);
    return true;
  }

  private static Loop loop(DType from, Object in, DType to, Object out) {
    return switch (from) {
      case FLOAT32 -> {
        float[] x = (float[]) in;
        yield switch (to) {
          case BOOL -> (f, t) -> floatToBool(x, (boolean[]) out, f, t);
          case FLOAT64 -> (f, t) -> {
            double[] y = (double[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i];
            }
          };
          case INT32 -> (f, t) -> {
            int[] y = (int[]) out;
            for (int i = f; i < t; i++) {
              y[i] = (int) (long) x[i];
            }
          };
          default -> null;
        };
      }
      case FLOAT64 -> {
        double[] x = (double[]) in;
        yield switch (to) {
          case FLOAT32 -> (f, t) -> {
            float[] y = (float[]) out;
            for (int i = f; i < t; i++) {
              y[i] = (float) x[i];
            }
          };
          case BOOL -> (f, t) -> {
            boolean[] y = (boolean[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i] != 0;
            }
          };
          case INT32 -> (f, t) -> {
            int[] y = (int[]) out;
            for (int i = f; i < t; i++) {
              y[i] = (int) (long) x[i];
            }
          };
          default -> null;
        };
      }
      case INT32 -> {
        int[] x = (int[]) in;
        yield switch (to) {
          case FLOAT32 -> (f, t) -> {
            float[] y = (float[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i];   // rounds once, as (float) (double) x does
            }
          };
          case FLOAT64 -> (f, t) -> {
            double[] y = (double[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i];
            }
          };
          case BOOL -> (f, t) -> {
            boolean[] y = (boolean[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i] != 0;
            }
          };
          default -> null;
        };
      }
      case BOOL -> {
        boolean[] x = (boolean[]) in;
        yield switch (to) {
          case FLOAT32 -> (f, t) -> boolToFloat(x, (float[]) out, f, t);
          case FLOAT64 -> (f, t) -> {
            double[] y = (double[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i] ? 1 : 0;
            }
          };
          case INT32 -> (f, t) -> {
            int[] y = (int[]) out;
            for (int i = f; i < t; i++) {
              y[i] = x[i] ? 1 : 0;
            }
          };
          default -> null;
        };
      }
      default -> null;
    };
  }

  /** {@code y[i] = x[i] != 0}: NaN is true, -0 false. */
  static void floatToBool(float[] x, boolean[] y, int from, int to) {
    int i = from;
    for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
      FloatVector.fromArray(S, x, i).compare(VectorOperators.NE, 0f).intoArray(y, i);
    }
    for (; i < to; i++) {
      y[i] = x[i] != 0;
    }
  }

  static void boolToFloat(boolean[] x, float[] y, int from, int to) {
    int i = from;
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
      zero.blend(one, VectorMask.fromArray(S, x, i)).intoArray(y, i);
    }
    for (; i < to; i++) {
      y[i] = x[i] ? 1f : 0f;
    }
  }
}
