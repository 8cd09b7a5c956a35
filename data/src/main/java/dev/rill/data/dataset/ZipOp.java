package dev.rill.data.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Elements of several inputs side by side, ending with the shortest, as {@code zip}. */
final class ZipOp<R> implements Source<R> {
  private final List<Source<?>> inputs;
  private final Function<Object[], R> combine;

  ZipOp(List<Source<?>> inputs, Function<Object[], R> combine) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("zip: at least one dataset is needed");
    }
    this.inputs = List.copyOf(inputs);
    this.combine = combine;
  }

  @Override
  public Cursor<R> open(OpenContext context) {
    List<Cursor<?>> cursors = new ArrayList<>(inputs.size());
    try {
      for (Source<?> s : inputs) {
        cursors.add(s.open(context));
      }
    } catch (RuntimeException e) {
      cursors.forEach(Cursor::close);
      throw e;
    }
    return new Cursor<>() {
      private boolean done;

      @Override
      public R next() {
        if (done) {
          return null;
        }
        Object[] parts = new Object[cursors.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = cursors.get(i).next();
          if (parts[i] == null) {
            done = true;
            return null;
          }
        }
        return combine.apply(parts);
      }

      @Override
      public long skip(long n) {
        if (done) {
          return 0;
        }
        long min = n;
        for (Cursor<?> c : cursors) {
          min = Math.min(min, c.skip(n));
        }
        done = min < n;
        return min;
      }

      @Override
      public void close() {
        RuntimeException first = null;
        for (Cursor<?> c : cursors) {
          try {
            c.close();
          } catch (RuntimeException e) {
            first = first == null ? e : first;
          }
        }
        if (first != null) {
          throw first;
        }
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("zip").add(inputs.size());
    for (Source<?> s : inputs) {
      f.add(s);
    }
  }
}
