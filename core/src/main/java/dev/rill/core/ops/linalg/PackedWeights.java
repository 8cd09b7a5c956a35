package dev.rill.core.ops.linalg;

import dev.rill.core.Tensor;
import dev.rill.core.kernel.gemm.Sgemm;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Packed copies of the right-hand operands of float32 products that are variables' values, kept
 * for as long as the value lives. A model serving predictions multiplies by the same weights at
 * every call, and packing a 3136x1024 kernel costs about a quarter of the product with a batch
 * of 100; training multiplies each step's weights once each way and then replaces them, so it
 * never gets here a second time and pays only the bookkeeping.
 *
 * <p>Safe because tensors are immutable and a variable changes only by taking a new value: a
 * value's array is never written again, so its packed copy stays right. Entries are held weakly
 * by the array, so they go when the value does. Results are bit-identical either way
 * ({@link Sgemm#packB} documents it).
 */
final class PackedWeights {
  /** Operands smaller than this ({@code n * k}) pack in less time than a lookup is worth. */
  private static final long MIN_ELEMENTS = 1 << 16;
  /** Packed copies kept at most; more and the oldest generation is dropped. */
  private static final int MAX_PACKED = 32;
  /** Marks an operand seen once: packed on its second use. */
  private static final Object SEEN = new Object();

  /** One map per layout of the same array: B as stored, and B transposed. */
  private static final Map<float[], Object> PLAIN = new WeakHashMap<>();
  private static final Map<float[], Object> TRANSPOSED = new WeakHashMap<>();
  private static int packed;

  private PackedWeights() {}

  /**
   * The packed {@code op(b)} ({@code [k, n]}) if {@code b} is a variable's value used before in
   * the same layout, packing it now if this is its second use; null otherwise.
   */
  static Sgemm.PackedB lookup(Tensor b, boolean transB, int n, int k) {
    if (b.origin() == null || (long) n * k < MIN_ELEMENTS) {
      return null;
    }
    float[] data = b.floatData();
    Map<float[], Object> map = transB ? TRANSPOSED : PLAIN;
    synchronized (PackedWeights.class) {
      Object entry = map.get(data);
      if (entry instanceof Sgemm.PackedB p) {
        return p;
      }
      if (entry == null) {
        map.put(data, SEEN);
        return null;
      }
      if (packed >= MAX_PACKED) {
        PLAIN.clear();
        TRANSPOSED.clear();
        packed = 0;
      }
      Sgemm.PackedB p = Sgemm.packB(transB, data, 0, n, k);
      map.put(data, p);
      packed++;
      return p;
    }
  }
}
