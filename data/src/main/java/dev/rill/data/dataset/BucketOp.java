package dev.rill.data.dataset;

import dev.rill.core.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * TensorFlow's {@code bucket_by_sequence_length}: an element of length {@code L} goes to bucket
 * {@code b} where {@code boundaries[b-1] <= L < boundaries[b]} (bucket 0 takes everything below
 * the first boundary, the last everything from the last boundary up); as soon as a bucket holds
 * its batch size it is emitted as one padded batch. When the input ends the partial buckets are
 * emitted in bucket order (or dropped with {@code dropRemainder}). Skipping replays the input.
 */
final class BucketOp<T> implements Source<T> {
  private final Source<T> input;
  private final ToIntFunction<? super T> length;
  private final int[] boundaries;
  private final int[] batchSizes;
  private final BucketOptions options;

  BucketOp(Source<T> input, ToIntFunction<? super T> length, int[] boundaries, int[] batchSizes,
      BucketOptions options) {
    if (batchSizes.length != boundaries.length + 1) {
      throw new IllegalArgumentException("bucketBySequenceLength: " + boundaries.length
          + " boundaries need " + (boundaries.length + 1) + " batch sizes, got "
          + batchSizes.length);
    }
    for (int i = 1; i < boundaries.length; i++) {
      if (boundaries[i] < boundaries[i - 1]) {
        throw new IllegalArgumentException("bucketBySequenceLength: the boundaries must be sorted,"
            + " got " + Arrays.toString(boundaries));
      }
    }
    for (int s : batchSizes) {
      if (s < 1) {
        throw new IllegalArgumentException("bucketBySequenceLength: batch sizes must be >= 1, got "
            + Arrays.toString(batchSizes));
      }
    }
    if (options.padToBucketBoundary()) {
      if (boundaries.length == 0) {
        throw new IllegalArgumentException("bucketBySequenceLength: padToBucketBoundary needs at"
            + " least one boundary");
      }
      if (options.paddedShapes() == null && !options.noPadding()) {
        throw new IllegalArgumentException("bucketBySequenceLength: padToBucketBoundary pads the"
            + " -1 dimensions of the padded shapes; give them, e.g. Shape.of(-1) for sequences");
      }
    }
    this.input = input;
    this.length = length;
    this.boundaries = boundaries.clone();
    this.batchSizes = batchSizes.clone();
    this.options = options;
  }

  private int bucket(int len) {
    int b = 0;
    while (b < boundaries.length && len >= boundaries[b]) {
      b++;
    }
    return b;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private final TreeMap<Integer, List<T>> buckets = new TreeMap<>();
      private boolean inputDone;
      private long index;
      private long batch;

      @Override
      public T next() {
        while (!inputDone) {
          T e = in.next();
          if (e == null) {
            inputDone = true;
            break;
          }
          long i = index++;
          int len;
          try {
            len = length.applyAsInt(e);
          } catch (RuntimeException ex) {
            throw DatasetException.functionFailed("bucketBySequenceLength", i, context, ex);
          }
          int b = bucket(len);
          if (options.padToBucketBoundary() && b == boundaries.length) {
            throw new DatasetException("bucketBySequenceLength: element " + i + " (epoch "
                + context.epoch() + ") has length " + len + "; with padToBucketBoundary every"
                + " length must be below the largest boundary, " + boundaries[boundaries.length
                - 1]);
          }
          List<T> group = buckets.computeIfAbsent(b, k -> new ArrayList<>(batchSizes[k]));
          group.add(e);
          if (group.size() == batchSizes[b]) {
            buckets.remove(b);
            return emit(b, group);
          }
        }
        while (!buckets.isEmpty()) {
          Map.Entry<Integer, List<T>> first = buckets.pollFirstEntry();
          if (!options.dropRemainder() || first.getValue().size() == batchSizes[first.getKey()]) {
            return emit(first.getKey(), first.getValue());
          }
        }
        return null;
      }

      private T emit(int b, List<T> group) {
        Object shapes = options.paddedShapes();
        if (options.padToBucketBoundary()) {
          shapes = boundaryShapes(shapes, boundaries[b] - 1);
        }
        return BatchOp.combine(group, batch++, context, !options.noPadding(), shapes,
            options.paddingValues());
      }

      @Override
      public void close() {
        buckets.clear();
        in.close();
      }
    };
  }

  /** The padded shapes with every -1 replaced by {@code size}. */
  private static Object boundaryShapes(Object shapes, int size) {
    return switch (shapes) {
      case Shape s -> {
        int[] d = s.dims();
        for (int i = 0; i < d.length; i++) {
          d[i] = d[i] < 0 ? size : d[i];
        }
        yield Shape.of(d);
      }
      case Map<?, ?> m -> {
        Map<Object, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, boundaryShapes(v, size)));
        yield out;
      }
      case List<?> l -> l.stream().map(v -> boundaryShapes(v, size)).toList();
      case null -> null;
      default -> throw new IllegalArgumentException("bucketBySequenceLength: with"
          + " padToBucketBoundary the padded shapes must be Shapes, or Maps or Lists of them;"
          + " got " + shapes.getClass().getName());
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("bucketBySequenceLength").add(boundaries).add(batchSizes)
        .add(Structure.canonical(options.paddedShapes()))
        .add(Structure.canonical(options.paddingValues())).add(options.padToBucketBoundary())
        .add(options.noPadding()).add(options.dropRemainder()).add(input);
  }
}
