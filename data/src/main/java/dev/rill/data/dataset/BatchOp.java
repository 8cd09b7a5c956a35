package dev.rill.data.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive elements stacked into batches of {@code size}, as {@code batch} and
 * {@code padded_batch}: the last batch of a pass may be smaller, unless {@code dropRemainder}
 * drops it. With padding, each tensor is first padded to its padded shape (see
 * {@link Structure#padStack}). Skipping whole batches skips {@code size} times as many input
 * elements without stacking them.
 */
final class BatchOp<T> implements Source<T> {
  private final Source<T> input;
  private final int size;
  private final boolean dropRemainder;
  private final boolean padded;
  private final Object paddedShapes;
  private final Object paddingValues;

  BatchOp(Source<T> input, int size, boolean dropRemainder, boolean padded, Object paddedShapes,
      Object paddingValues) {
    if (size < 1) {
      throw new IllegalArgumentException((padded ? "paddedBatch" : "batch")
          + ": the batch size must be >= 1, got " + size);
    }
    this.input = input;
    this.size = size;
    this.dropRemainder = dropRemainder;
    this.padded = padded;
    this.paddedShapes = paddedShapes;
    this.paddingValues = paddingValues;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private long batch;
      private boolean done;

      @Override
      public T next() {
        if (done) {
          return null;
        }
        List<T> elements = new ArrayList<>(size);
        while (elements.size() < size) {
          T e = in.next();
          if (e == null) {
            done = true;
            break;
          }
          elements.add(e);
        }
        if (elements.isEmpty() || (dropRemainder && elements.size() < size)) {
          return null;
        }
        return combine(elements, batch++, context, padded, paddedShapes, paddingValues);
      }

      @Override
      public long skip(long n) {
        if (done || n <= 0) {
          return 0;
        }
        long want = n > Long.MAX_VALUE / size ? Long.MAX_VALUE : n * size;
        long k = in.skip(want);
        long batches = k / size;
        if (k < want) {
          done = true;
          if (!dropRemainder && k % size != 0) {
            batches++;
          }
        }
        batch += batches;
        return batches;
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** Stacks (or pads and stacks) one batch, reporting failures against the batch's index. */
  static <T> T combine(List<T> elements, long batch, OpenContext context, boolean padded,
      Object paddedShapes, Object paddingValues) {
    try {
      return padded ? Structure.padStack(elements, paddedShapes, paddingValues)
          : Structure.stack(elements);
    } catch (IllegalArgumentException e) {
      throw new DatasetException((padded ? "paddedBatch" : "batch") + ": batch " + batch
          + " (epoch " + context.epoch() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void describe(Fingerprint f) {
    f.add(padded ? "paddedBatch" : "batch").add(size).add(dropRemainder);
    if (padded) {
      f.add(Structure.canonical(paddedShapes)).add(Structure.canonical(paddingValues));
    }
    f.add(input);
  }
}
