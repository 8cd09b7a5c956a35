package dev.rill.data.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * TensorFlow's buffered shuffle: keep a buffer of up to {@code bufferSize} elements, filled from
 * the input; each output is a uniformly chosen element of the buffer, and the next input element
 * refills it. Element {@code i} of the input therefore comes out at position
 * {@code i - bufferSize + 1} at the earliest, a buffer of 1 changes nothing, and a buffer at least
 * as large as the input shuffles it uniformly. The order is drawn from the seed and, when
 * reshuffling, the opening's key, so every epoch (and every repetition of an enclosing repeat)
 * has its own reproducible order.
 *
 * <p>Restoring a position does not pull every skipped element: see {@link ShuffleCursor#skip}.
 */
final class ShuffleOp<T> implements Source<T> {
  private final Source<T> input;
  private final int bufferSize;
  private final long seed;
  private final boolean reshuffleEachIteration;

  ShuffleOp(Source<T> input, int bufferSize, long seed, boolean reshuffleEachIteration) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("shuffle: the buffer size must be >= 1, got "
          + bufferSize);
    }
    this.input = input;
    this.bufferSize = bufferSize;
    this.seed = seed;
    this.reshuffleEachIteration = reshuffleEachIteration;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    return new ShuffleCursor(context);
  }

  /** Where a simulated skip leaves the buffer: input indices in slot order. */
  private record Plan(long[] slots, long pulled, long emitted) {}

  private final class ShuffleCursor implements Cursor<T> {
    private final OpenContext context;
    private final long seed0;
    private final ArrayList<T> buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));
    private Cursor<T> in;
    private SplitMix random;
    private boolean inputDone;
    private boolean started;

    ShuffleCursor(OpenContext context) {
      this.context = context;
      this.seed0 = reshuffleEachIteration ? context.seed(seed) : SplitMix.mix(seed, 0);
      this.random = new SplitMix(seed0);
      this.in = input.open(context);
    }

    @Override
    public T next() {
      started = true;
      while (!inputDone && buffer.size() < bufferSize) {
        T e = in.next();
        if (e == null) {
          inputDone = true;
        } else {
          buffer.add(e);
        }
      }
      if (buffer.isEmpty()) {
        return null;
      }
      int i = random.nextInt(buffer.size());
      T out = buffer.get(i);
      T last = buffer.removeLast();
      if (i < buffer.size()) {
        buffer.set(i, last);
      }
      return out;
    }

    /**
     * From a fresh cursor (restoring a position), skips without pulling every element: the
     * draws depend only on how full the buffer is, so they are replayed over input indices, and
     * only the elements still in the buffer afterwards are read; the others are skipped in the
     * input. How long the input is comes from a second cursor on it that skips ahead only as far
     * as the replay pulls. Cost: two skipping passes over the consumed part of the input (cheap
     * where it seeks), one draw per skipped element, and reading at most a buffer's worth.
     */
    @Override
    public long skip(long n) {
      if (n <= 0) {
        return 0;
      }
      if (started) {
        return Cursor.super.skip(n);
      }
      started = true;
      Plan plan;
      try (Cursor<T> probe = input.open(context)) {
        plan = simulate(n, probe);
      }
      if (materialise(plan)) {
        return plan.emitted();
      }
      // Only an input that differs between openings gets here: fall back to pulling.
      reopen();
      random = new SplitMix(seed0);
      return Cursor.super.skip(n);
    }

    /** Runs {@code n} draws over input indices, finding the input's length with {@code probe}. */
    private Plan simulate(long n, Cursor<T> probe) {
      SplitMix r = new SplitMix(seed0);
      long[] slots = new long[Math.min(bufferSize, 1024)];
      int size = 0;
      long pulled = 0;
      long available = 0;
      boolean ended = false;
      long emitted = 0;
      while (emitted < n) {
        long want = pulled + (bufferSize - size);
        if (!ended && available < want) {
          available += probe.skip(want - available);
          ended = available < want;
        }
        long fillTo = Math.min(want, available);
        while (pulled < fillTo) {
          if (size == slots.length) {
            slots = Arrays.copyOf(slots, (int) Math.min(bufferSize, 2L * size));
          }
          slots[size++] = pulled++;
        }
        if (size == 0) {
          break;
        }
        int i = r.nextInt(size);
        slots[i] = slots[--size];
        emitted++;
      }
      random = r;
      return new Plan(Arrays.copyOf(slots, size), pulled, emitted);
    }

    /**
     * Reads the planned buffer's elements from the input, skipping the rest up to the planned
     * position; false if the input ended short of the plan.
     */
    private boolean materialise(Plan plan) {
      long[] wanted = plan.slots().clone();
      Arrays.sort(wanted);
      Map<Long, T> got = new HashMap<>();
      long pos = 0;
      for (long idx : wanted) {
        long gap = idx - pos;
        if (in.skip(gap) < gap) {
          return false;
        }
        T e = in.next();
        if (e == null) {
          return false;
        }
        got.put(idx, e);
        pos = idx + 1;
      }
      long gap = plan.pulled() - pos;
      if (in.skip(gap) < gap) {
        return false;
      }
      buffer.clear();
      for (long idx : plan.slots()) {
        buffer.add(got.get(idx));
      }
      return true;
    }

    private void reopen() {
      in.close();
      in = input.open(context);
      buffer.clear();
      inputDone = false;
    }

    @Override
    public void close() {
      buffer.clear();
      in.close();
    }
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("shuffle").add(bufferSize).add(seed).add(reshuffleEachIteration).add(input);
  }
}
