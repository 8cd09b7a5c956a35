package dev.rill.core.ops.linalg;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.kernel.gemm.Sgemm;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Packed copies of the right-hand operands of float32 products that are variables' current
 * values. A model serving predictions multiplies by the same weights at every call, and packing
 * a 3136x1024 kernel costs about a quarter of the product with a batch of 100; training
 * multiplies each step's weights once each way and then replaces them, so it never asks twice
 * for the same value and only pays the bookkeeping.
 *
 * <p>Entries are keyed by the variable (held weakly) and its {@link Variable#version()}, never by
 * the value's array: a reference to a replaced value, even a weak one, keeps the collector from
 * freeing a large array at once, and training replaces its largest arrays at every step. Safe
 * because tensors are immutable and a variable changes only by taking a new value. Results are
 * bit-identical either way ({@link Sgemm#packB} documents it).
 */
final class PackedWeights {
  /** Operands smaller than this ({@code n * k}) pack in less time than a lookup is worth. */
  private static final long MIN_ELEMENTS = 1 << 16;

  /** One variable's current value as seen by products, in each layout (as stored, transposed). */
  private static final class Entry {
    long version = -1;
    final boolean[] seen = new boolean[2];
    final Sgemm.PackedB[] packed = new Sgemm.PackedB[2];
  }

  private static final Map<Variable, Entry> ENTRIES = new WeakHashMap<>();

  private PackedWeights() {}

  /**
   * The packed {@code op(b)} ({@code [k, n]}) if {@code b} is a variable's current value used
   * before in the same layout, packing it now if this is its second use; null otherwise.
   */
  static Sgemm.PackedB lookup(Tensor b, boolean transB, int n, int k) {
    Variable v = b.origin();
    if (v == null || (long) n * k < MIN_ELEMENTS) {
      return null;
    }
    int layout = transB ? 1 : 0;
    long version;
    synchronized (v) {
      // a value the variable no longer holds (kept by a tape, say) is not cached
      if (v.value().floatData() != b.floatData()) {
        return null;
      }
      version = v.version();
    }
    synchronized (ENTRIES) {
      Entry e = ENTRIES.computeIfAbsent(v, x -> new Entry());
      if (e.version != version) {
        e.version = version;
        e.seen[0] = false;
        e.seen[1] = false;
        e.packed[0] = null;
        e.packed[1] = null;
      }
      if (e.packed[layout] == null) {
        if (!e.seen[layout]) {
          e.seen[layout] = true;
          return null;
        }
        e.packed[layout] = Sgemm.packB(transB, b.floatData(), 0, n, k);
      }
      return e.packed[layout];
    }
  }
}
