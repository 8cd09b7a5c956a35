package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.SparseTensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Builds the 2-D {@link SparseTensor}s feature columns read from per-example lists of values,
 * the shape {@code tf.io.VarLenFeature} parses into: indices {@code [N, 2]} = (example, position),
 * dense shape {@code [batch, longest list]}.
 *
 * {@snippet :
 * SparseTensor tags = SparseInputs.strings(List.of(List.of("a", "b"), List.of(), List.of("c")));
 * SparseTensor ids = SparseInputs.longs(new long[][] {{3}, {0, 5}, {10}});
 * }
 */
public final class SparseInputs {
  private SparseInputs() {}

  /** String values, one list per example. */
  public static SparseTensor strings(List<? extends List<String>> rows) {
    List<String> values = new ArrayList<>();
    rows.forEach(values::addAll);
    return build(rows.stream().mapToInt(List::size).toArray(),
        Tensor.ofStrings(Shape.of(values.size()), values.toArray(new String[0])));
  }

  /** int64 values, one array per example. */
  public static SparseTensor longs(long[][] rows) {
    int[] lengths = new int[rows.length];
    return build(lengths, Tensor.of(concat(rows, long[]::new, lengths)));
  }

  /** float32 values (weights), one array per example. */
  public static SparseTensor floats(float[][] rows) {
    int[] lengths = new int[rows.length];
    return build(lengths, Tensor.of(concat(rows, float[]::new, lengths)));
  }

  /** The primitive arrays {@code rows} end to end; {@code lengths} receives each one's length. */
  private static <A> A concat(A[] rows, IntFunction<A> make, int[] lengths) {
    int n = 0;
    for (int i = 0; i < rows.length; i++) {
      lengths[i] = Array.getLength(rows[i]);
      n += lengths[i];
    }
    A values = make.apply(n);
    int k = 0;
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, values, k, lengths[i]);
      k += lengths[i];
    }
    return values;
  }

  /** Values already in order, {@code lengths[i]} of them for example {@code i}. */
  public static SparseTensor build(int[] lengths, Tensor values) {
    if (values.rank() != 1) {
      throw new InvalidArgumentException("sparse values must be a vector, got " + values.shape());
    }
    int n = 0;
    int longest = 0;
    for (int len : lengths) {
      n += len;
      longest = Math.max(longest, len);
    }
    if (n != values.size()) {
      throw new InvalidArgumentException("row lengths add up to " + n + " but there are "
          + values.size() + " values");
    }
    long[] idx = new long[2 * n];
    int k = 0;
    for (int i = 0; i < lengths.length; i++) {
      for (int j = 0; j < lengths[i]; j++, k++) {
        idx[2 * k] = i;
        idx[2 * k + 1] = j;
      }
    }
    return new SparseTensor(Tensor.wrap(DType.INT64, Shape.of(n, 2), idx), values,
        Tensor.of((long) lengths.length, longest));
  }
}
