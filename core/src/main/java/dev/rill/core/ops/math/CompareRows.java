package dev.rill.core.ops.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Comparison loops writing bool results, for the real dtypes without a per-element dispatch. Java's
 * float and int comparisons already give TensorFlow's answers (NaN is unordered: only {@code !=}
 * holds), and float32 runs through the Vector API, one loop per operator and operand form so each
 * compiles to straight vector code (the operator must be a constant for that).
 */
final class CompareRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private CompareRows() {}

  /** The comparisons, by TensorFlow op. */
  enum Kind { LT, LE, GT, GE, EQ, NE }

  /** {@code c[ic + i] = a[ia + i * sa] kind b[ib + i * sb]} for {@code i < n}. */
  static void floats(Kind kind, float[] a, int ia, int sa, float[] b, int ib, int sb, boolean[] c,
      int ic, int n) {
    // a < b is b > a, and a <= b is b >= a, NaN included: four loops serve all six
    if (kind == Kind.LT || kind == Kind.LE) {
      floats(kind == Kind.LT ? Kind.GT : Kind.GE, b, ib, sb, a, ia, sa, c, ic, n);
      return;
    }
    int i = 0;
    int end = S.loopBound(n);
    int step = S.length();
    if (end > 0) {
      switch (kind) {
      case GT -> {
        if (sa == 1 && sb == 1) {
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i)
                .compare(VectorOperators.GT, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        } else if (sa == 1 && sb == 0) {
          FloatVector vb = FloatVector.broadcast(S, b[ib]);
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i).compare(VectorOperators.GT, vb)
                .intoArray(c, ic + i);
          }
        } else if (sa == 0 && sb == 1) {
          FloatVector va = FloatVector.broadcast(S, a[ia]);
          for (; i < end; i += step) {
            va.compare(VectorOperators.GT, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        }
      }
      case GE -> {
        if (sa == 1 && sb == 1) {
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i)
                .compare(VectorOperators.GE, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        } else if (sa == 1 && sb == 0) {
          FloatVector vb = FloatVector.broadcast(S, b[ib]);
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i).compare(VectorOperators.GE, vb)
                .intoArray(c, ic + i);
          }
        } else if (sa == 0 && sb == 1) {
          FloatVector va = FloatVector.broadcast(S, a[ia]);
          for (; i < end; i += step) {
            va.compare(VectorOperators.GE, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        }
      }
      case EQ -> {
        if (sa == 1 && sb == 1) {
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i)
                .compare(VectorOperators.EQ, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        } else if (sa == 1 && sb == 0) {
          FloatVector vb = FloatVector.broadcast(S, b[ib]);
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i).compare(VectorOperators.EQ, vb)
                .intoArray(c, ic + i);
          }
        } else if (sa == 0 && sb == 1) {
          FloatVector va = FloatVector.broadcast(S, a[ia]);
          for (; i < end; i += step) {
            va.compare(VectorOperators.EQ, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        }
      }
      case NE -> {
        if (sa == 1 && sb == 1) {
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i)
                .compare(VectorOperators.NE, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        } else if (sa == 1 && sb == 0) {
          FloatVector vb = FloatVector.broadcast(S, b[ib]);
          for (; i < end; i += step) {
            FloatVector.fromArray(S, a, ia + i).compare(VectorOperators.NE, vb)
                .intoArray(c, ic + i);
          }
        } else if (sa == 0 && sb == 1) {
          FloatVector va = FloatVector.broadcast(S, a[ia]);
          for (; i < end; i += step) {
            va.compare(VectorOperators.NE, FloatVector.fromArray(S, b, ib + i))
                .intoArray(c, ic + i);
          }
        }
      }
      }
    }
    for (; i < n; i++) {
      c[ic + i] = holds(kind, a[ia + i * sa], b[ib + i * sb]);
    }
  }

  static void doubles(Kind kind, double[] a, int ia, int sa, double[] b, int ib, int sb,
      boolean[] c, int ic, int n) {
    for (int i = 0; i < n; i++) {
      c[ic + i] = holds(kind, a[ia + i * sa], b[ib + i * sb]);
    }
  }

  static void ints(Kind kind, int[] a, int ia, int sa, int[] b, int ib, int sb, boolean[] c,
      int ic, int n) {
    for (int i = 0; i < n; i++) {
      c[ic + i] = holds(kind, a[ia + i * sa], b[ib + i * sb]);
    }
  }

  static boolean holds(Kind kind, double a, double b) {
    return switch (kind) {
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
      case EQ -> a == b;
      case NE -> a != b;
    };
  }

  static boolean holds(Kind kind, long a, long b) {
    return switch (kind) {
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
      case EQ -> a == b;
      case NE -> a != b;
    };
  }
}
