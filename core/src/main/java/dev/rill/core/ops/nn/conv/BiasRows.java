package dev.rill.core.ops.nn.conv;

import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.Scratch;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of BiasAdd and BiasAddGrad over a {@code [rows, c]} array. Channels are few (32, 64),
 * so a loop per row spends its time starting and ending; instead both walk the array in tiles of
 * whole rows, {@code tile} elements long and a multiple of the vector length where possible, with
 * the bias (or the partial sums) laid out along a tile.
 */
final class BiasRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  /** As many floats as {@link #D} has doubles. */
  private static final VectorSpecies<Float> HALF =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  /** Tiles are at least this long, so the loop over a tile runs long enough to pay. */
  private static final int MIN_TILE = 512;
  /** Longer tiles than this are not worth their copy of the bias: rows are long anyway. */
  private static final int MAX_TILE = 1 << 14;
  /** Rows per partial sum of BiasAddGrad: fixed, so the sum does not depend on threads. */
  private static final int SUM_ELEMENTS = 1 << 15;

  private BiasRows() {}

  /** Rows per tile: whole rows, about {@link #MIN_TILE} elements, a multiple of the lanes. */
  static int tileRows(int c, int lanes) {
    int rows = lanes / gcd(c, lanes);   // c * rows is then a multiple of lanes
    while ((long) c * rows < MIN_TILE) {
      rows *= 2;
    }
    return (long) c * rows <= MAX_TILE ? rows : 1;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** {@code y[r, i] = x[r, i] + bias[i]}, bit for bit the float sum. */
  static void add(float[] x, float[] bias, float[] y, int grain) {
    int c = bias.length;
    if (c == 0 || x.length == 0) {
      return;
    }
    int rowsPerTile = tileRows(c, S.length());
    int tile = c * rowsPerTile;
    float[] pattern = new float[tile];
    for (int r = 0; r < rowsPerTile; r++) {
      System.arraycopy(bias, 0, pattern, r * c, c);
    }
    int n = x.length;
    int tiles = (n + tile - 1) / tile;
    Parallel.range(tiles, Math.max(1, grain / tile), (from, to) -> {
      for (int t = from; t < to; t++) {
        int o = t * tile;
        int len = Math.min(tile, n - o);
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += S.length()) {
          FloatVector.fromArray(S, x, o + i).add(FloatVector.fromArray(S, pattern, i))
              .intoArray(y, o + i);
        }
        for (; i < len; i++) {
          y[o + i] = x[o + i] + pattern[i];
        }
      }
    });
  }

  /**
   * Column sums of {@code g} ({@code [rows, c]}) in double. Rows are cut into fixed blocks; within
   * a block each column is summed along its own tile slots, then slots, then blocks are added in
   * order. The order depends only on the shape.
   */
  static double[] sum(float[] g, int c) {
    return sum(g.length, c, (acc, o, len) -> {
      int i = 0;
      for (int end = D.loopBound(len); i < end; i += D.length()) {
        // a half-width float vector widens into one double vector in a single instruction;
        // widening the two halves of a full one is not compiled to one and allocates
        DoubleVector v = (DoubleVector) FloatVector.fromArray(HALF, g, o + i)
            .convertShape(VectorOperators.F2D, D, 0);
        DoubleVector.fromArray(D, acc, i).add(v).intoArray(acc, i);
      }
      for (; i < len; i++) {
        acc[i] += g[o + i];
      }
    });
  }

  static double[] sum(double[] g, int c) {
    return sum(g.length, c, (acc, o, len) -> {
      int i = 0;
      for (int end = D.loopBound(len); i < end; i += D.length()) {
        DoubleVector.fromArray(D, g, o + i).add(DoubleVector.fromArray(D, acc, i))
            .intoArray(acc, i);
      }
      for (; i < len; i++) {
        acc[i] += g[o + i];
      }
    });
  }

  /** Adds {@code len} elements from offset {@code o} into {@code acc[0, len)}. */
  @FunctionalInterface
  private interface Accumulate {
    void run(double[] acc, int o, int len);
  }

  private static double[] sum(int n, int c, Accumulate accumulate) {
    double[] sum = new double[c];
    if (c == 0 || n == 0) {
      return sum;
    }
    int rowsPerTile = tileRows(c, S.length());
    int tile = c * rowsPerTile;
    int tilesPerBlock = Math.max(1, SUM_ELEMENTS / tile);
    int block = tile * tilesPerBlock;
    int blocks = (n + block - 1) / block;
    double[][] partial = new double[blocks][];
    Parallel.range(blocks, 1, (from, to) -> {
      double[] acc = Scratch.doubles(Scratch.Slot.PARTIAL_SUM, tile);
      for (int b = from; b < to; b++) {
        java.util.Arrays.fill(acc, 0, tile, 0);
        int end = Math.min(n, (b + 1) * block);
        for (int o = b * block; o < end; o += tile) {
          accumulate.run(acc, o, Math.min(tile, end - o));
        }
        double[] p = new double[c];
        for (int r = 0; r < rowsPerTile; r++) {
          for (int i = 0; i < c; i++) {
            p[i] += acc[r * c + i];
          }
        }
        partial[b] = p;
      }
    });
    for (double[] p : partial) {
      for (int i = 0; i < c; i++) {
        sum[i] += p[i];
      }
    }
    return sum;
  }
}
