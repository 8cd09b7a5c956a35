package dev.rill.core.ops.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Tight float32 loops for the hottest elementwise ops. The generic kernels call a
 * {@code DoubleBinaryOperator} per element, a call the JIT cannot inline once many ops share the
 * loop; here each op owns its loop. Binary ops run on the Vector API for the forms
 * {@link BroadcastRuns} produces (both operands contiguous, or one of them a broadcast scalar),
 * one loop per form so that no vector flows through a branch; float arithmetic on vectors gives
 * the scalar operator's bits.
 */
final class FloatRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

  private FloatRows() {}

  /** {@code c[ic + i] = f(a[ia + i * sa], b[ib + i * sb])} for {@code i < n}. */
  @FunctionalInterface
  interface Binary {
    void apply(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n);
  }

  /** {@code y[i] = f(x[i])} for {@code from <= i < to}. */
  @FunctionalInterface
  interface Unary {
    void apply(float[] x, float[] y, int from, int to);
  }

  /** The fast loop of the binary op called {@code op}, or null. */
  static Binary binary(String op) {
    return switch (op) {
      case "AddV2" -> FloatRows::add;
      case "Sub" -> FloatRows::sub;
      case "Mul" -> FloatRows::mul;
      case "RealDiv" -> FloatRows::div;
      case "Maximum" -> FloatRows::max;
      case "Minimum" -> FloatRows::min;
      case "ReluGrad" -> FloatRows::reluGrad;
      default -> null;
    };
  }

  /** The fast loop of the unary op called {@code op}, or null. */
  static Unary unary(String op) {
    return switch (op) {
      case "Relu" -> FloatRows::relu;
      case "Neg" -> FloatRows::neg;
      case "Square" -> FloatRows::square;
      default -> null;
    };
  }

  static void add(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    int i = 0;
    int end = S.loopBound(n);
    int step = S.length();
    if (end > 0 && sa == 1 && sb == 1) {
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).add(FloatVector.fromArray(S, b, ib + i))
            .intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 1 && sb == 0) {
      FloatVector vb = FloatVector.broadcast(S, b[ib]);
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).add(vb).intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 0 && sb == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ia]);
      for (; i < end; i += step) {
        va.add(FloatVector.fromArray(S, b, ib + i)).intoArray(c, ic + i);
      }
    }
    for (; i < n; i++) {
      c[ic + i] = a[ia + i * sa] + b[ib + i * sb];
    }
  }

  static void sub(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    int i = 0;
    int end = S.loopBound(n);
    int step = S.length();
    if (end > 0 && sa == 1 && sb == 1) {
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).sub(FloatVector.fromArray(S, b, ib + i))
            .intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 1 && sb == 0) {
      FloatVector vb = FloatVector.broadcast(S, b[ib]);
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).sub(vb).intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 0 && sb == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ia]);
      for (; i < end; i += step) {
        va.sub(FloatVector.fromArray(S, b, ib + i)).intoArray(c, ic + i);
      }
    }
    for (; i < n; i++) {
      c[ic + i] = a[ia + i * sa] - b[ib + i * sb];
    }
  }

  static void mul(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    int i = 0;
    int end = S.loopBound(n);
    int step = S.length();
    if (end > 0 && sa == 1 && sb == 1) {
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).mul(FloatVector.fromArray(S, b, ib + i))
            .intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 1 && sb == 0) {
      FloatVector vb = FloatVector.broadcast(S, b[ib]);
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).mul(vb).intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 0 && sb == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ia]);
      for (; i < end; i += step) {
        va.mul(FloatVector.fromArray(S, b, ib + i)).intoArray(c, ic + i);
      }
    }
    for (; i < n; i++) {
      c[ic + i] = a[ia + i * sa] * b[ib + i * sb];
    }
  }

  static void div(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    int i = 0;
    int end = S.loopBound(n);
    int step = S.length();
    if (end > 0 && sa == 1 && sb == 1) {
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).div(FloatVector.fromArray(S, b, ib + i))
            .intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 1 && sb == 0) {
      FloatVector vb = FloatVector.broadcast(S, b[ib]);
      for (; i < end; i += step) {
        FloatVector.fromArray(S, a, ia + i).div(vb).intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 0 && sb == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ia]);
      for (; i < end; i += step) {
        va.div(FloatVector.fromArray(S, b, ib + i)).intoArray(c, ic + i);
      }
    }
    for (; i < n; i++) {
      c[ic + i] = a[ia + i * sa] / b[ib + i * sb];
    }
  }

  /** Like {@code BinaryDefs.max}: NaN if either is NaN (the canonical NaN), else Math.max. */
  static void max(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    extremum(true, a, ia, sa, b, ib, sb, c, ic, n);
  }

  static void min(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    extremum(false, a, ia, sa, b, ib, sb, c, ic, n);
  }

  private static void extremum(boolean max, float[] a, int ia, int sa, float[] b, int ib, int sb,
      float[] c, int ic, int n) {
    int i = 0;
    int end = S.loopBound(n);
    int step = S.length();
    // one loop per form, so no vector flows through a branch (which would box it)
    if (end > 0 && sa == 1 && sb == 1) {
      for (; i < end; i += step) {
        extremum(max, FloatVector.fromArray(S, a, ia + i), FloatVector.fromArray(S, b, ib + i))
            .intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 1 && sb == 0) {
      FloatVector vb = FloatVector.broadcast(S, b[ib]);
      for (; i < end; i += step) {
        extremum(max, FloatVector.fromArray(S, a, ia + i), vb).intoArray(c, ic + i);
      }
    } else if (end > 0 && sa == 0 && sb == 1) {
      FloatVector va = FloatVector.broadcast(S, a[ia]);
      for (; i < end; i += step) {
        extremum(max, va, FloatVector.fromArray(S, b, ib + i)).intoArray(c, ic + i);
      }
    }
    for (; i < n; i++) {
      float x = a[ia + i * sa];
      float y = b[ib + i * sb];
      c[ic + i] = x != x || y != y ? Float.NaN : (max ? Math.max(x, y) : Math.min(x, y));
    }
  }

  /**
   * max, or min as {@code -max(-a, -b)} (exact, -0 included) by flipping sign bits, so both share
   * one straight-line sequence of constant operators, which the JIT compiles to vector code.
   */
  private static FloatVector extremum(boolean max, FloatVector a, FloatVector b) {
    VectorMask<Float> nan = a.test(VectorOperators.IS_NAN).or(b.test(VectorOperators.IS_NAN));
    IntVector flip = IntVector.broadcast(I, max ? 0 : 0x80000000);
    FloatVector fa = a.reinterpretAsInts().lanewise(VectorOperators.XOR, flip).reinterpretAsFloats();
    FloatVector fb = b.reinterpretAsInts().lanewise(VectorOperators.XOR, flip).reinterpretAsFloats();
    return fa.max(fb).reinterpretAsInts().lanewise(VectorOperators.XOR, flip).reinterpretAsFloats()
        .blend(Float.NaN, nan);
  }

  /** Gradients {@code a} pass where the features {@code b} are positive, as TF's ReluGrad. */
  static void reluGrad(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic,
      int n) {
    int i = 0;
    if (sa == 1 && sb == 1) {
      FloatVector zero = FloatVector.zero(S);
      for (int end = S.loopBound(n); i < end; i += S.length()) {
        FloatVector features = FloatVector.fromArray(S, b, ib + i);
        zero.blend(FloatVector.fromArray(S, a, ia + i), features.compare(VectorOperators.GT, 0f))
            .intoArray(c, ic + i);
      }
    }
    for (; i < n; i++) {
      c[ic + i] = b[ib + i * sb] > 0 ? a[ia + i * sa] : 0f;
    }
  }

  /** {@code x > 0 ? x : 0}: NaN and -0 give +0. */
  static void relu(float[] x, float[] y, int from, int to) {
    int i = from;
    FloatVector zero = FloatVector.zero(S);
    for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
    }
    for (; i < to; i++) {
      y[i] = x[i] > 0 ? x[i] : 0f;
    }
  }

  static void neg(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = -x[i];
    }
  }

  static void square(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = x[i] * x[i];
    }
  }
}
