package dev.rill.core.ops.math;

/**
 * Tight float32 loops for the hottest elementwise ops. The generic kernels call a
 * {@code DoubleBinaryOperator} per element, a call the JIT cannot inline once many ops share the
 * loop; here each op owns its loop, and the unit-stride case is one the JIT vectorises.
 */
final class FloatRows {
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
    if (sa == 1 && sb == 1) {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i] + b[ib + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i * sa] + b[ib + i * sb];
      }
    }
  }

  static void sub(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    if (sa == 1 && sb == 1) {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i] - b[ib + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i * sa] - b[ib + i * sb];
      }
    }
  }

  static void mul(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    if (sa == 1 && sb == 1) {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i] * b[ib + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i * sa] * b[ib + i * sb];
      }
    }
  }

  static void div(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic, int n) {
    if (sa == 1 && sb == 1) {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i] / b[ib + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        c[ic + i] = a[ia + i * sa] / b[ib + i * sb];
      }
    }
  }

  /** Gradients {@code a} pass where the features {@code b} are positive, as TF's ReluGrad. */
  static void reluGrad(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] c, int ic,
      int n) {
    for (int i = 0; i < n; i++) {
      c[ic + i] = b[ib + i * sb] > 0 ? a[ia + i * sa] : 0f;
    }
  }

  static void relu(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
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
