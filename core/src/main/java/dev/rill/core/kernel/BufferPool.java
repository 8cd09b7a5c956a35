package dev.rill.core.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Large float arrays handed back by whoever can prove them dead, and handed out again as op
 * outputs, so a training step reuses last step's gradient buffers instead of allocating (and
 * zeroing, and later collecting) tens of megabytes of new ones. Tensors share their arrays freely
 * and Java keeps no reference counts, so an array may only come back if this pool made it while
 * its thread was in a {@linkplain #owning() owning section} (a gradient tape's backward pass: its
 * intermediate gradients are seen by nobody else) and the section's owner knows no tensor still
 * uses it. Releasing an array not made that way, or releasing one twice, does nothing.
 *
 * <p>A {@linkplain #step() step} is the other way back: every array made on its thread while it
 * is open returns when it closes, but the ones {@linkplain #keep kept}. An inference step opens
 * one around the model function and keeps what it returns; a variable keeps its values itself.
 * New arrays cost the JVM a zeroing pass and fresh cache lines, some 0.05 ms a megabyte, which
 * is a few percent of an MNIST inference step.
 *
 * <p>Small arrays are not pooled: the JVM allocates them faster than the pool can look them up.
 * The free arrays are capped in total, so a pool filled by one model does not keep memory forever.
 */
public final class BufferPool {
  /** Arrays shorter than this are plain allocations. */
  public static final int MIN_LENGTH = 1 << 14;

  private static final boolean ENABLED =
      !"false".equalsIgnoreCase(System.getProperty("rill.bufferPool", "true"));
  /**
   * Tests set {@code rill.bufferPool.poison}: arrays {@link #toOverwrite} hands out are then NaN,
   * so a kernel that leaves an element unwritten fails its test instead of passing on zeros.
   */
  private static final boolean POISON = Boolean.getBoolean("rill.bufferPool.poison");
  private static final long CAP_BYTES =
      Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

  private static final Object LOCK = new Object();
  private static final Map<Integer, ArrayDeque<float[]>> FREE = new HashMap<>();
  // arrays made inside an owning section and not yet released; weak, since most just die
  private static final Map<float[], Boolean> OWNED = new WeakHashMap<>();
  private static long freeBytes;

  private static final ThreadLocal<int[]> OWNING = ThreadLocal.withInitial(() -> new int[1]);
  private static final ThreadLocal<Step> STEP = new ThreadLocal<>();

  private BufferPool() {}

  /** A zero-filled array of {@code n} floats, reused if a released one of that length is free. */
  public static float[] floats(int n) {
    float[] a = take(n);
    if (a == null) {
      return register(new float[n]);
    }
    Arrays.fill(a, 0f);
    return register(a);
  }

  /**
   * An array of {@code n} floats for a caller that writes every element: a reused one keeps what
   * it held, which saves the pass that zeroes it.
   */
  public static float[] toOverwrite(int n) {
    float[] a = take(n);
    if (a == null) {
      a = new float[n];
    }
    if (POISON) {
      Arrays.fill(a, Float.NaN);
    }
    return register(a);
  }

  /** A copy of {@code src}, in a reused array when one of its length is free. */
  public static float[] copyOf(float[] src) {
    float[] a = take(src.length);
    if (a == null) {
      return register(src.clone());
    }
    System.arraycopy(src, 0, a, 0, src.length);
    return register(a);
  }

  /**
   * Opens an owning section on this thread: arrays {@link #floats} makes until it closes may be
   * {@linkplain #release released}. Sections nest; close one on the thread that opened it.
   */
  public static Section owning() {
    int[] depth = OWNING.get();
    depth[0]++;
    return () -> depth[0]--;
  }

  /** Where arrays made may later be released; closing ends it. */
  @FunctionalInterface
  public interface Section extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Opens a step on this thread: the arrays made until it closes, on this thread, come back to
   * the pool when it closes, except those {@linkplain #keep kept}. Whoever opens one promises
   * that nothing made inside outlives it unless kept, as a graph's intermediate tensors do not
   * outlive the {@code Session.run} that made them. Steps nest; close each on its thread.
   */
  public static Step step() {
    Step s = new Step(STEP.get());
    STEP.set(s);
    return s;
  }

  /** Arrays made in one step; closing hands back the ones not kept. */
  public static final class Step implements AutoCloseable {
    private final Step outer;
    private final List<float[]> made = new ArrayList<>();
    private boolean closed;

    private Step(Step outer) {
      this.outer = outer;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (STEP.get() != this) {
        throw new IllegalStateException("a BufferPool step closes on its own thread, innermost "
            + "first");
      }
      closed = true;
      STEP.set(outer);
      for (float[] a : made) {
        release(a);
      }
      made.clear();
    }
  }

  /**
   * Marks {@code array} as in use for good: no step or release hands it out again. Variables
   * keep their values, and a step's owner keeps what it returns.
   */
  public static void keep(Object array) {
    if (ENABLED && array instanceof float[] a && a.length >= MIN_LENGTH) {
      synchronized (LOCK) {
        OWNED.remove(a);
      }
    }
  }

  /**
   * Takes back {@code array}, which the caller knows no tensor uses any more. Only arrays made in
   * an owning section come back, each once; anything else is left to the garbage collector.
   */
  public static void release(Object array) {
    if (!ENABLED || !(array instanceof float[] a) || a.length < MIN_LENGTH) {
      return;
    }
    synchronized (LOCK) {
      if (OWNED.remove(a) == null || freeBytes + 4L * a.length > CAP_BYTES) {
        return;
      }
      FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
      freeBytes += 4L * a.length;
    }
  }

  /** Bytes held in free arrays, for tests and diagnostics. */
  public static long freeBytes() {
    synchronized (LOCK) {
      return freeBytes;
    }
  }

  /** Drops every free array (tests use it to start from an empty pool). */
  public static void clear() {
    synchronized (LOCK) {
      FREE.clear();
      freeBytes = 0;
    }
  }

  private static float[] take(int n) {
    if (!ENABLED || n < MIN_LENGTH) {
      return null;
    }
    synchronized (LOCK) {
      ArrayDeque<float[]> q = FREE.get(n);
      float[] a = q == null ? null : q.poll();
      if (a != null) {
        freeBytes -= 4L * n;
      }
      return a;
    }
  }

  private static float[] register(float[] a) {
    if (!ENABLED || a.length < MIN_LENGTH) {
      return a;
    }
    Step step = STEP.get();
    if (step != null || OWNING.get()[0] > 0) {
      synchronized (LOCK) {
        OWNED.put(a, Boolean.TRUE);
      }
      if (step != null) {
        step.made.add(a);
      }
    }
    return a;
  }
}
