package dev.rill.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The epilogue of a fused GEMM or convolution: adds a bias along the last dimension and applies an
 * optional relu, in place, on a block of rows a kernel has just written (still in cache).
 *
 * <p>Each element is {@code c + bias} rounded once, then {@code v > 0 ? v : 0}: the same float
 * operations as BiasAdd followed by Relu, so fused and unfused results are bit-identical (NaN and
 * -0 both become +0 under relu, as Relu does).
 *
 * {@snippet :
 * Gemm.sgemm(false, false, m, n, k, a, 0, b, 0, c, 0);
 * BiasActivation.apply(c, 0, m, bias, true);   // c = relu(c + bias), row by row
 * }
 */
public final class BiasActivation {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Elements per parallel task in {@link #applyParallel}. */
  private static final int GRAIN = 1 << 15;

  private BiasActivation() {}

  /**
   * {@code c[off + r * n + j] = act(c[off + r * n + j] + bias[j])} for {@code rows} rows of
   * {@code n = bias.length} columns.
   */
  public static void apply(float[] c, int off, int rows, float[] bias, boolean relu) {
    int n = bias.length;
    int vec = S.loopBound(n);
    FloatVector zero = FloatVector.zero(S);
    for (int r = 0; r < rows; r++) {
      int o = off + r * n;
      int j = 0;
      for (; j < vec; j += L) {
        FloatVector v = FloatVector.fromArray(S, c, o + j).add(FloatVector.fromArray(S, bias, j));
        if (relu) {
          v = zero.blend(v, v.compare(VectorOperators.GT, 0f));
        }
        v.intoArray(c, o + j);
      }
      for (; j < n; j++) {
        float v = c[o + j] + bias[j];
        c[o + j] = relu ? (v > 0 ? v : 0f) : v;
      }
    }
  }

  /** {@link #apply} over a whole {@code [rows, bias.length]} matrix, rows split over the pool. */
  public static void applyParallel(float[] c, int off, int rows, float[] bias, boolean relu) {
    int n = Math.max(1, bias.length);
    Parallel.range(rows, Math.max(1, GRAIN / n),
        (from, to) -> apply(c, off + from * bias.length, to - from, bias, relu));
  }

  /** Float64 variant of {@link #apply} over {@code rows} rows, serial (gradient checks). */
  public static void apply(double[] c, int off, int rows, double[] bias, boolean relu) {
    int n = bias.length;
    for (int r = 0; r < rows; r++) {
      int o = off + r * n;
      for (int j = 0; j < n; j++) {
        double v = c[o + j] + bias[j];
        c[o + j] = relu ? (v > 0 ? v : 0.0) : v;
      }
    }
  }

  /** The bias added to, and relu applied to, one vector of outputs {@code [j, j + L)}. */
  public static FloatVector apply(FloatVector v, float[] bias, int j, boolean relu) {
    FloatVector z = v.add(FloatVector.fromArray(v.species(), bias, j));
    return relu ? FloatVector.zero(v.species()).blend(z, z.compare(VectorOperators.GT, 0f)) : z;
  }
}
