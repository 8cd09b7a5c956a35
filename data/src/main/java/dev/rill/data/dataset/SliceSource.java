package dev.rill.data.dataset;

/**
 * The rows of a structure of tensors, as {@code from_tensor_slices}: element {@code i} holds row
 * {@code i} of every tensor. Seeks in O(1).
 */
final class SliceSource<T> implements Source<T> {
  private final T structure;
  private final int rows;

  SliceSource(T structure) {
    this.structure = structure;
    try {
      this.rows = Structure.rows(structure);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fromTensorSlices: " + e.getMessage(), e);
    }
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    return new Cursor<>() {
      private int i;

      @Override
      public T next() {
        return i < rows ? Structure.slice(structure, i++) : null;
      }

      @Override
      public long skip(long n) {
        long s = Math.min(n, rows - i);
        i += (int) s;
        return s;
      }
    };
  }

  /** The layout, dtypes and shapes; not the values (hashing them would cost a pass over the data). */
  @Override
  public void describe(Fingerprint f) {
    f.add("slices").add(Structure.describe(structure));
  }
}
