package dev.rill.data.dataset;

import java.util.function.Function;

/**
 * TensorFlow's deterministic {@code interleave}: up to {@code cycleLength} inner datasets are
 * open at once, in slots visited in turn; each visit takes up to {@code blockLength} elements
 * from the slot's dataset. A slot whose dataset runs out is refilled, on its next visit, with the
 * dataset of the next input element; the pass ends when the input and every slot are exhausted.
 * Skipping replays.
 */
final class InterleaveOp<T, R> implements Source<R> {
  static final int SALT = 4;

  private final Source<T> input;
  private final int cycleLength;
  private final int blockLength;
  private final Function<? super T, ? extends Dataset<? extends R>> fn;

  InterleaveOp(Source<T> input, int cycleLength, int blockLength,
      Function<? super T, ? extends Dataset<? extends R>> fn) {
    if (cycleLength < 1 || blockLength < 1) {
      throw new IllegalArgumentException("interleave: cycle and block lengths must be >= 1, got "
          + cycleLength + " and " + blockLength);
    }
    this.input = input;
    this.cycleLength = cycleLength;
    this.blockLength = blockLength;
    this.fn = fn;
  }

  @Override
  public Cursor<R> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      @SuppressWarnings("unchecked")
      private final Cursor<? extends R>[] slots =
          (Cursor<? extends R>[]) new Cursor<?>[cycleLength];
      private int slot;
      private int taken;
      private int open;
      private boolean inputDone;
      private long index;

      private void nextSlot() {
        slot = (slot + 1) % cycleLength;
        taken = 0;
      }

      @Override
      public R next() {
        while (!inputDone || open > 0) {
          Cursor<? extends R> c = slots[slot];
          if (c != null) {
            R r = c.next();
            if (r != null) {
              if (++taken == blockLength) {
                nextSlot();
              }
              return r;
            }
            c.close();
            slots[slot] = null;
            open--;
            nextSlot();
          } else if (!inputDone) {
            T e = in.next();
            if (e == null) {
              inputDone = true;
            } else {
              slots[slot] = FlatMapOp.openInner(fn, e, index++, context, SALT, "interleave");
              open++;
            }
          } else {
            nextSlot();
          }
        }
        return null;
      }

      @Override
      public void close() {
        for (int i = 0; i < slots.length; i++) {
          if (slots[i] != null) {
            slots[i].close();
            slots[i] = null;
          }
        }
        open = 0;
        inputDone = true;
        in.close();
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("interleave").add(cycleLength).add(blockLength).add(input);
  }
}
