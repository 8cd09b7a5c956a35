package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.lookup.Fingerprint64;
import dev.rill.io.example.SparseTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The id-making ops behind the columns, with TensorFlow's exact results: {@code Bucketize},
 * {@code StringToHashBucketFast} and the hashed {@code SparseCross}. They make ids, not gradients,
 * so they are plain loops outside the op registry.
 *
 * {@snippet :
 * Tensor buckets = FeatureOps.bucketize(age, new float[] {18, 25, 30});   // int32
 * Tensor ids = FeatureOps.stringToHashBucketFast(words, 1000);            // int64
 * SparseTensor crossed = FeatureOps.sparseCrossHashed(List.of(a, b), 1000,
 *     FeatureOps.DEFAULT_HASH_KEY);
 * }
 */
public final class FeatureOps {
  /** The hash key {@code tf.feature_column.crossed_column} uses unless given another. */
  public static final long DEFAULT_HASH_KEY = 0xDECAFCAFFEL;

  private static final long K_MUL = 0xc6a4a7935bd1e995L;

  private FeatureOps() {}

  /**
   * The bucket of each value: {@code i} such that {@code boundaries[i-1] <= x < boundaries[i]}
   * (0 below the first boundary, {@code boundaries.length} from the last one up, and for NaN).
   * Boundaries are float32 as TensorFlow's attribute is; the comparison is in the input's
   * precision.
   */
  public static Tensor bucketize(Tensor x, float[] boundaries) {
    checkBoundaries(boundaries);
    int n = x.size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = bucket(boundaries, x.getDouble(i));
    }
    return Tensor.wrap(DType.INT32, x.shape(), out);
  }

  static void checkBoundaries(float[] boundaries) {
    for (int i = 1; i < boundaries.length; i++) {
      if (!(boundaries[i - 1] < boundaries[i])) {
        throw new InvalidArgumentException("boundaries must be a sorted list, got "
            + java.util.Arrays.toString(boundaries));
      }
    }
  }

  /** The number of boundaries at or below x: the first index whose boundary exceeds x. */
  static int bucket(float[] boundaries, double x) {
    int lo = 0;
    int hi = boundaries.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x < boundaries[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * {@code Fingerprint64(utf8(s)) mod numBuckets} (unsigned) for each string, as
   * {@code StringToHashBucketFast}; int64 result of the input's shape.
   */
  public static Tensor stringToHashBucketFast(Tensor strings, long numBuckets) {
    if (strings.dtype() != DType.STRING) {
      throw new InvalidArgumentException("StringToHashBucketFast: input must be strings, got "
          + strings.dtype());
    }
    if (numBuckets <= 0) {
      throw new InvalidArgumentException("StringToHashBucketFast: num_buckets must be >= 1, got "
          + numBuckets);
    }
    byte[][] s = strings.stringData();
    long[] out = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = Long.remainderUnsigned(Fingerprint64.of(s[i]), numBuckets);
    }
    return Tensor.wrap(DType.INT64, strings.shape(), out);
  }

  /**
   * TensorFlow's {@code FingerprintCat64}: combines two fingerprints into one, order-dependent.
   */
  public static long fingerprintCat64(long fp1, long fp2) {
    long result = fp1 ^ K_MUL;
    result ^= shiftMix(fp2 * K_MUL) * K_MUL;
    result *= K_MUL;
    result = shiftMix(result) * K_MUL;
    return shiftMix(result);
  }

  private static long shiftMix(long v) {
    return v ^ (v >>> 47);
  }

  /**
   * The hashed cross of sparse and dense columns, as {@code SparseCross} with
   * {@code hashed_output=true}: for each example, every combination of one value per column
   * (sparse columns first in the given order, then dense ones; the last varies fastest) gives
   * {@code h = hashKey}, then {@code h = fingerprintCat64(h, f)} per column, where {@code f} is
   * the Fingerprint64 of a string or the raw int64 value; the id is {@code h mod numBuckets}
   * (unsigned), or {@code h mod (2^63 - 1)} when {@code numBuckets} is 0. An example with no
   * value in some column gets no ids.
   *
   * @param inputs each a {@link SparseTensor} (2-D) or a dense {@link Tensor} ([batch] or
   *     [batch, k]) of strings or integers
   */
  public static SparseTensor sparseCrossHashed(List<?> inputs, long numBuckets, long hashKey) {
    if (inputs.isEmpty()) {
      throw new InvalidArgumentException("SparseCross: no inputs");
    }
    if (numBuckets < 0) {
      throw new InvalidArgumentException("SparseCross: num_buckets must be >= 0, got "
          + numBuckets);
    }
    List<long[][]> columns = new ArrayList<>();
    int batch = -1;
    for (boolean sparsePass : new boolean[] {true, false}) {
      for (Object in : inputs) {
        boolean isSparse = in instanceof SparseTensor;
        if (!isSparse && !(in instanceof Tensor)) {
          throw new InvalidArgumentException("SparseCross: inputs must be SparseTensor or "
              + "Tensor, got " + in);
        }
        if (isSparse != sparsePass) {
          continue;
        }
        long[][] perRow = isSparse ? sparseFeatures((SparseTensor) in) : denseFeatures((Tensor) in);
        if (batch >= 0 && perRow.length != batch) {
          throw new InvalidArgumentException("SparseCross: inputs disagree on the batch size: "
              + batch + " and " + perRow.length);
        }
        batch = perRow.length;
        columns.add(perRow);
      }
    }
    long mod = numBuckets > 0 ? numBuckets : Long.MAX_VALUE;
    List<Long> values = new ArrayList<>();
    List<long[]> positions = new ArrayList<>();
    long widest = 0;
    int cols = columns.size();
    for (int b = 0; b < batch; b++) {
      long combos = 1;
      for (long[][] c : columns) {
        combos *= c[b].length;
      }
      widest = Math.max(widest, combos);
      int[] pick = new int[cols];
      for (long k = 0; k < combos; k++) {
        long h = hashKey;
        for (int c = 0; c < cols; c++) {
          h = fingerprintCat64(h, columns.get(c)[b][pick[c]]);
        }
        values.add(Long.remainderUnsigned(h, mod));
        positions.add(new long[] {b, k});
        for (int c = cols - 1; c >= 0; c--) {   // odometer: the last column varies fastest
          if (++pick[c] < columns.get(c)[b].length) {
            break;
          }
          pick[c] = 0;
        }
      }
    }
    int n = values.size();
    long[] idx = new long[2 * n];
    long[] vals = new long[n];
    for (int i = 0; i < n; i++) {
      idx[2 * i] = positions.get(i)[0];
      idx[2 * i + 1] = positions.get(i)[1];
      vals[i] = values.get(i);
    }
    return new SparseTensor(Tensor.wrap(DType.INT64, Shape.of(n, 2), idx), Tensor.of(vals),
        Tensor.of((long) Math.max(batch, 0), widest));
  }

  /** The per-value hash input: Fingerprint64 of strings, the value itself for integers. */
  private static long[] hashInputs(Tensor values) {
    if (values.dtype() == DType.STRING) {
      byte[][] s = values.stringData();
      long[] out = new long[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = Fingerprint64.of(s[i]);
      }
      return out;
    }
    if (values.dtype() == DType.INT64 || values.dtype() == DType.INT32) {
      return SparseIds.longValues(values, "SparseCross");
    }
    throw new InvalidArgumentException("SparseCross: values must be strings or int64, got "
        + values.dtype());
  }

  private static long[][] sparseFeatures(SparseTensor s) {
    SparseTensor t = SparseIds.to2d(s);
    int batch = SparseIds.batch(t);
    int[] rows = SparseIds.rows(t);
    long[] h = hashInputs(t.values());
    int[] count = new int[batch];
    for (int r : rows) {
      count[r]++;
    }
    long[][] out = new long[batch][];
    for (int b = 0; b < batch; b++) {
      out[b] = new long[count[b]];
      count[b] = 0;
    }
    for (int k = 0; k < rows.length; k++) {
      out[rows[k]][count[rows[k]]++] = h[k];
    }
    return out;
  }

  private static long[][] denseFeatures(Tensor d) {
    Tensor t = SparseIds.as2d(d);
    int batch = t.shape().dim(0);
    int width = t.shape().dim(1);
    long[] h = hashInputs(t);
    long[][] out = new long[batch][width];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(h, b * width, out[b], 0, width);
    }
    return out;
  }
}
