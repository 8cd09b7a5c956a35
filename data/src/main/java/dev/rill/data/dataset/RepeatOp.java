package dev.rill.data.dataset;

/**
 * The input {@code count} times, or forever when negative, opening it afresh (with its own key,
 * so shuffles reshuffle) for every repetition. Repeating forever an input that yields nothing
 * ends at once instead of spinning, as TensorFlow does.
 */
final class RepeatOp<T> implements Source<T> {
  static final int SALT = 1;

  private final Source<T> input;
  private final long count;

  RepeatOp(Source<T> input, long count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    return new Cursor<>() {
      private long repetition;
      private Cursor<T> current;
      private long inThisRepetition;
      private boolean done;

      /** The current repetition's cursor, opening the next one if needed; null when done. */
      private Cursor<T> current() {
        if (current == null && !done) {
          if (count >= 0 && repetition >= count) {
            done = true;
          } else {
            current = input.open(context.child(SALT, repetition));
            inThisRepetition = 0;
          }
        }
        return current;
      }

      /** The current repetition ran out. */
      private void endRepetition() {
        current.close();
        current = null;
        if (count < 0 && inThisRepetition == 0) {
          done = true;
        }
        repetition++;
      }

      @Override
      public T next() {
        for (Cursor<T> c = current(); c != null; c = current()) {
          T e = c.next();
          if (e != null) {
            inThisRepetition++;
            return e;
          }
          endRepetition();
        }
        return null;
      }

      @Override
      public long skip(long n) {
        long k = 0;
        for (Cursor<T> c = current(); c != null && k < n; c = current()) {
          long s = c.skip(n - k);
          k += s;
          inThisRepetition += s;
          if (k < n) {
            endRepetition();
          }
        }
        return k;
      }

      @Override
      public void close() {
        done = true;
        if (current != null) {
          current.close();
          current = null;
        }
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("repeat").add(count).add(input);
  }
}
