package dev.rill.data.dataset;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.tfrecord.Compression;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A lazy, composable input pipeline, as TensorFlow's {@code tf.data.Dataset}: sources (tensor
 * slices, iterables, text lines, TFRecord files) and transformations (map, filter, shuffle,
 * batch, ...) build a description; nothing runs until it is iterated. Every {@link #iterator()}
 * starts a new pass (an epoch) from the beginning, and shuffles draw a new, seeded order for each.
 *
 * {@snippet :
 * Dataset<Pair<Tensor, Tensor>> train = Dataset.zip(
 *         Dataset.fromTensorSlices(images), Dataset.fromTensorSlices(labels))
 *     .shuffle(10_000, 42)
 *     .parallelMap(4, p -> Pair.of(p.first().cast(DType.FLOAT32).div(255f), p.second()))
 *     .batch(128)
 *     .repeat()
 *     .prefetch(2);
 * try (DatasetIterator<Pair<Tensor, Tensor>> it = train.iterator()) {
 *   while (it.hasNext()) {
 *     Pair<Tensor, Tensor> batch = it.next();
 *     // ... a training step; save it.position() with the checkpoint
 *   }
 * }
 * }
 *
 * <p><b>Determinism.</b> A pipeline whose shuffles are seeded yields the same elements in the same
 * order on every run, whatever the parallelism of {@link #parallelMap}. Randomness in map
 * functions should come from {@link #seeded(long)} to keep that property.
 *
 * <p><b>Resuming.</b> {@link DatasetIterator#position()} is the pass and the count of elements
 * returned, plus the pipeline's {@link #fingerprint()}. {@link #iterator(DatasetPosition)}
 * re-opens that pass and skips the elements already returned, by replaying the pipeline: the
 * cost is at most that of producing the skipped elements, and much less where steps allow:
 * sources that can seek (tensor slices, caches in memory) jump, text lines are scanned without
 * building elements, one-to-one steps (map, parallel map, batch, repeat, take, skip, zip, flat
 * map, concatenate, prefetch) pass the skip on without computing what they would drop, and a
 * shuffle replays its draws over input indices and reads only the elements still in its buffer
 * (plus two skipping passes over its input). Filter, interleave and bucketing must see every
 * skipped element, so below them the pipeline runs for real. Measured on an MNIST-sized pipeline
 * (slices, shuffle 10000, batch 100, repeat): restoring after 20000 steps takes under 0.1 s.
 *
 * <p><b>Elements</b> are never null. Batching works on {@linkplain Structure structures}:
 * {@link Tensor}s, {@code Map<String, Tensor>}, {@code List<Tensor>} and records such as
 * {@link Pair} of these, nested.
 *
 * <p>A {@code Dataset} can be iterated by several threads at once, each with its own iterator;
 * an iterator belongs to one thread.
 *
 * @param <T> the element type
 */
public final class Dataset<T> implements Iterable<T> {
  private final Source<T> source;
  /** Passes started; shared along a chain of transformations (see {@link #iterator()}). */
  private final AtomicLong epochs;

  private Dataset(Source<T> source) {
    this(source, new AtomicLong());
  }

  private Dataset(Source<T> source, AtomicLong epochs) {
    this.source = Objects.requireNonNull(source, "source");
    this.epochs = epochs;
  }

  /** A dataset made from this one: it counts passes with this one. */
  private <R> Dataset<R> derive(Source<R> next) {
    return new Dataset<>(next, epochs);
  }

  /** A dataset over a custom source (a file reader, say): the extension point for new formats. */
  public static <T> Dataset<T> from(Source<T> source) {
    return new Dataset<>(source);
  }

  /** This pipeline's last node, for operators written outside this package. */
  public Source<T> source() {
    return source;
  }

  // ---- sources ----

  /**
   * One element per row of the tensors of {@code structure}, as {@code from_tensor_slices}: a
   * {@link Tensor} of shape {@code [n, ...]} gives {@code n} tensors of shape {@code [...]}; a
   * {@code Map<String, Tensor>}, {@code List<Tensor>} or record of tensors (all with the same
   * first dimension) gives {@code n} of the same layout.
   */
  public static <T> Dataset<T> fromTensorSlices(T structure) {
    return new Dataset<>(new SliceSource<>(structure));
  }

  /** One element, {@code structure} itself, as {@code from_tensors}. */
  public static <T> Dataset<T> fromTensors(T structure) {
    Objects.requireNonNull(structure, "structure");
    List<T> one = List.of(structure);
    return new Dataset<>(new Source<>() {
      @Override
      public Cursor<T> open(OpenContext context) {
        return new MemoryCacheOp.ListCursor<>(one);
      }

      @Override
      public void describe(Fingerprint f) {
        f.add("tensors").add(Structure.describe(structure));
      }
    });
  }

  /**
   * The elements of {@code iterable}, which is asked for a new iterator on every pass (so a
   * generator lambda works: {@code Dataset.fromIterable(() -> myIterator())}). Only a
   * collection's size enters the fingerprint.
   */
  public static <T> Dataset<T> fromIterable(Iterable<? extends T> iterable) {
    return new Dataset<>(new IterableSource<>(Objects.requireNonNull(iterable, "iterable")));
  }

  /** The given elements. */
  @SafeVarargs
  @SuppressWarnings("varargs") // List.of copies the array and only reads it
  public static <T> Dataset<T> of(T... elements) {
    return fromIterable(List.of(elements));
  }

  /** No elements. */
  public static <T> Dataset<T> empty() {
    return fromIterable(List.of());
  }

  /** {@code 0, 1, ..., stop - 1}. */
  public static Dataset<Long> range(long stop) {
    return range(0, stop, 1);
  }

  /** {@code start, ..., stop - 1}. */
  public static Dataset<Long> range(long start, long stop) {
    return range(start, stop, 1);
  }

  /** {@code start, start + step, ...} while before {@code stop}, as {@code Dataset.range}. */
  public static Dataset<Long> range(long start, long stop, long step) {
    return new Dataset<>(new RangeSource(start, stop, step));
  }

  /**
   * The lines of text files, one file after another, as scalar string tensors of their raw bytes,
   * as {@code TextLineDataset}: lines end at {@code \n}, a preceding {@code \r} is dropped, and a
   * last line without a newline counts.
   */
  public static Dataset<Tensor> textLines(List<Path> files) {
    return new Dataset<>(new TextLineSource<>(files, "textLines",
        b -> Tensor.wrap(DType.STRING, Shape.scalar(), new byte[][] {b})));
  }

  /** {@link #textLines(List)} of the given files. */
  public static Dataset<Tensor> textLines(Path... files) {
    return textLines(List.of(files));
  }

  /**
   * The records of TFRecord files, one file after another, as {@code TFRecordDataset}: each
   * record's payload (TensorFlow yields it as a scalar string), with both CRCs checked; a damaged
   * record ends the pass with an error naming the file and the record's byte offset. Payloads
   * usually hold {@code tf.train.Example}s: parse them with {@code dev.rill.io.example}.
   */
  public static Dataset<byte[]> tfRecords(List<Path> files, Compression compression) {
    return new Dataset<>(new TfRecordSource(files, compression));
  }

  /** {@link #tfRecords(List, Compression)} of uncompressed files. */
  public static Dataset<byte[]> tfRecords(Path... files) {
    return tfRecords(List.of(files), Compression.NONE);
  }

  /** The lines of text files as Java strings; a line that is not valid UTF-8 is an error. */
  public static Dataset<String> textLineStrings(List<Path> files) {
    return new Dataset<>(new TextLineSource<>(files, "textLineStrings", Dataset::utf8));
  }

  private static String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not valid UTF-8", e);
    }
  }

  /** Pairs of elements of {@code a} and {@code b}, ending with the shorter, as {@code zip}. */
  @SuppressWarnings("unchecked")
  public static <A, B> Dataset<Pair<A, B>> zip(Dataset<A> a, Dataset<B> b) {
    return a.derive(new ZipOp<>(List.of(a.source, b.source),
        parts -> new Pair<>((A) parts[0], (B) parts[1])));
  }

  /** Lists of the datasets' elements side by side, ending with the shortest. */
  @SuppressWarnings("unchecked")
  public static <T> Dataset<List<T>> zip(List<? extends Dataset<? extends T>> datasets) {
    List<Source<?>> sources = new ArrayList<>();
    for (Dataset<? extends T> d : datasets) {
      sources.add(d.source);
    }
    Source<List<T>> zip = new ZipOp<>(sources, parts -> (List<T>) List.of(parts));
    if (datasets.isEmpty()) {
      return new Dataset<>(zip);
    }
    Dataset<?> first = datasets.get(0);
    return new Dataset<>(zip, first.epochs);
  }

  // ---- transformations ----

  /** {@code fn} applied to every element, on the consuming thread. */
  public <R> Dataset<R> map(Function<? super T, ? extends R> fn) {
    return derive(new MapOp<>(source, Objects.requireNonNull(fn, "fn")));
  }

  /**
   * {@code fn} applied on a pool of {@code parallelism} threads, as {@code map} with
   * {@code num_parallel_calls}; the output is in input order and the same whatever the
   * parallelism. {@code fn} must be safe to call from several threads.
   */
  public <R> Dataset<R> parallelMap(int parallelism, Function<? super T, ? extends R> fn) {
    return derive(new ParallelMapOp<>(source, parallelism,
        Objects.requireNonNull(fn, "fn")));
  }

  /** The elements {@code predicate} accepts. */
  public Dataset<T> filter(Predicate<? super T> predicate) {
    return derive(new FilterOp<>(source, Objects.requireNonNull(predicate, "predicate")));
  }

  /** The elements of the datasets {@code fn} makes of each element, in turn, as {@code flat_map}. */
  public <R> Dataset<R> flatMap(Function<? super T, ? extends Dataset<? extends R>> fn) {
    return derive(new FlatMapOp<>(source, Objects.requireNonNull(fn, "fn")));
  }

  /**
   * The elements of the datasets {@code fn} makes of each element, interleaved as TensorFlow's
   * {@code interleave}: {@code cycleLength} of them are open at once and each turn takes
   * {@code blockLength} elements from one before moving to the next; an exhausted one is
   * replaced by the dataset of the next input element. For example {@code range(1, 6)} with
   * {@code x -> fromTensors(x).repeat(6)}, cycle 2 and block 4 gives
   * {@code 1 1 1 1 2 2 2 2 1 1 2 2 3 3 3 3 4 4 4 4 3 3 4 4 5 5 5 5 5 5}.
   */
  public <R> Dataset<R> interleave(int cycleLength, int blockLength,
      Function<? super T, ? extends Dataset<? extends R>> fn) {
    return derive(new InterleaveOp<>(source, cycleLength, blockLength,
        Objects.requireNonNull(fn, "fn")));
  }

  /**
   * Shuffled through a buffer, as TensorFlow's {@code shuffle}: the first {@code bufferSize}
   * elements fill the buffer, each output is drawn uniformly from it and the next input element
   * takes its place. So a buffer of 1 changes nothing, input element {@code i} cannot come out
   * before output {@code i - bufferSize + 1}, and a buffer at least as large as the data
   * shuffles it uniformly. Every epoch (and every repetition of a repeat after it) draws a new
   * order from {@code seed}, the same on every run.
   */
  public Dataset<T> shuffle(int bufferSize, long seed) {
    return shuffle(bufferSize, seed, true);
  }

  /**
   * Shuffled through a buffer of {@code bufferSize} elements; with
   * {@code reshuffleEachIteration} false every pass has the same order.
   */
  public Dataset<T> shuffle(int bufferSize, long seed, boolean reshuffleEachIteration) {
    return derive(new ShuffleOp<>(source, bufferSize, seed, reshuffleEachIteration));
  }

  /**
   * Shuffled with a seed drawn now at random: runs differ, and a saved position cannot be
   * restored in another process (the fingerprint includes the seed).
   */
  public Dataset<T> shuffle(int bufferSize) {
    return shuffle(bufferSize, ThreadLocalRandom.current().nextLong(), true);
  }

  /** The elements {@code count} times over (none for 0), forever when negative. */
  public Dataset<T> repeat(long count) {
    return derive(new RepeatOp<>(source, count));
  }

  /** The elements over and over. */
  public Dataset<T> repeat() {
    return repeat(-1);
  }

  /** Batches of {@code size} consecutive elements; the last may be smaller. */
  public Dataset<T> batch(int size) {
    return batch(size, false);
  }

  /**
   * Batches of {@code size} consecutive elements stacked along a new first dimension (see
   * {@link Structure#stack}); with {@code dropRemainder} a last, smaller batch is dropped.
   */
  public Dataset<T> batch(int size, boolean dropRemainder) {
    return derive(new BatchOp<>(source, size, dropRemainder, false, null, null));
  }

  /** Batches with every dimension padded with zeros to the largest in the batch. */
  public Dataset<T> paddedBatch(int size) {
    return paddedBatch(size, null, null, false);
  }

  /** {@link #paddedBatch(int, Object, Object, boolean)} keeping the last, smaller batch. */
  public Dataset<T> paddedBatch(int size, Object paddedShapes, Object paddingValues) {
    return paddedBatch(size, paddedShapes, paddingValues, false);
  }

  /**
   * Batches whose tensors are first padded to a common shape, as {@code padded_batch}.
   *
   * @param paddedShapes a {@link Shape} per tensor (a structure of the elements' layout, or one
   *     shape for all), whose -1 dimensions pad to the largest in the batch and others to that
   *     size; null pads every dimension to the largest in the batch
   * @param paddingValues a scalar tensor of the tensor's dtype per tensor (or one for all); null
   *     pads with 0, false or the empty string
   * @see Structure#padStack
   */
  public Dataset<T> paddedBatch(int size, Object paddedShapes, Object paddingValues,
      boolean dropRemainder) {
    return derive(new BatchOp<>(source, size, dropRemainder, true, paddedShapes,
        paddingValues));
  }

  /** {@link #bucketBySequenceLength(ToIntFunction, int[], int[], BucketOptions)} with defaults. */
  public Dataset<T> bucketBySequenceLength(ToIntFunction<? super T> length, int[] boundaries,
      int[] batchSizes) {
    return bucketBySequenceLength(length, boundaries, batchSizes, BucketOptions.defaults());
  }

  /**
   * Elements grouped by length into buckets and padded-batched per bucket, as TensorFlow's
   * {@code bucket_by_sequence_length}: bucket {@code b} holds lengths in
   * {@code [boundaries[b-1], boundaries[b])} (unbounded at both ends), and emits a batch as soon
   * as it holds {@code batchSizes[b]} elements; at the end of the input the partial buckets are
   * emitted in bucket order. {@code batchSizes} has one more entry than {@code boundaries}.
   */
  public Dataset<T> bucketBySequenceLength(ToIntFunction<? super T> length, int[] boundaries,
      int[] batchSizes, BucketOptions options) {
    return derive(new BucketOp<>(source, Objects.requireNonNull(length, "length"),
        boundaries, batchSizes, Objects.requireNonNull(options, "options")));
  }

  /** The first {@code count} elements; all of them when negative. */
  public Dataset<T> take(long count) {
    return derive(new TakeOp<>(source, count));
  }

  /** All but the first {@code count} elements; none when negative. */
  public Dataset<T> skip(long count) {
    return derive(new SkipOp<>(source, count));
  }

  /**
   * Elements read ahead on a background thread into a buffer of {@code bufferSize}, so the
   * pipeline works while the consumer does. Failures reach the consumer; closing the iterator
   * stops the thread.
   */
  public Dataset<T> prefetch(int bufferSize) {
    return derive(new PrefetchOp<>(source, bufferSize));
  }

  /**
   * Elements kept in memory after the first complete pass, which later passes read instead of
   * running the pipeline above; a pass cut short caches nothing.
   */
  public Dataset<T> cache() {
    return derive(new MemoryCacheOp<>(source));
  }

  /**
   * Elements written to {@code file} by the first complete pass and read from it by later passes
   * and later processes. Written to a temporary file renamed at the end of the pass, so a partial
   * pass never leaves a complete-looking file. Elements must be tensors, numbers, booleans,
   * strings, byte arrays, or maps, lists or records of these.
   */
  public Dataset<T> cache(Path file) {
    return derive(new FileCacheOp<>(source, Objects.requireNonNull(file, "file")));
  }

  /** This dataset's elements, then {@code other}'s. */
  public Dataset<T> concatenate(Dataset<? extends T> other) {
    return derive(new ConcatOp<>(source, other.source));
  }

  /**
   * Each element with a seed of its own, for random work in a later (parallel) map: the seed
   * depends on {@code seed}, the epoch and the element's position, so augmentation differs per
   * element and epoch but is the same on every run and after a restore.
   *
   * {@snippet :
   * images.seeded(7).parallelMap(4, s -> randomCrop(s.value(), s.seed()));
   * }
   */
  public Dataset<Seeded<T>> seeded(long seed) {
    return derive(new SeededOp<>(source, seed));
  }

  /** {@code transformation(this)}: lets reusable pipeline pieces chain like built-in steps. */
  public <R> Dataset<R> apply(Function<? super Dataset<T>, Dataset<R>> transformation) {
    return transformation.apply(this);
  }

  // ---- iteration ----

  /**
   * A 64-bit hash of this pipeline's configuration: sources (layout, dtypes and shapes of
   * tensors; file names and sizes), operators and their settings and seeds. Functions passed to
   * map, filter and the like cannot be hashed: changing one does not change the fingerprint.
   */
  public long fingerprint() {
    return Fingerprint.of(source);
  }

  /**
   * A new pass: the first call runs epoch 0, the next epoch 1, and so on. A dataset made from
   * another by a transformation (or a zip, from its first input) counts passes with it, as in
   * TensorFlow, where a shuffle reshuffles on every iteration of any dataset built on it:
   * iterating {@code d.map(f)} after {@code d} runs epoch 1.
   */
  @Override
  public DatasetIterator<T> iterator() {
    return open(epochs.getAndIncrement());
  }

  /** Pass {@code epoch}, as the {@code epoch}-th call to {@link #iterator()} would run it. */
  public DatasetIterator<T> iterator(long epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("iterator: epoch must be >= 0, got " + epoch);
    }
    epochs.accumulateAndGet(epoch + 1, Math::max);
    return open(epoch);
  }

  /**
   * The rest of the pass a saved iterator was in: the elements it had not yet returned. Later
   * calls to {@link #iterator()} continue with the following epochs.
   *
   * @throws IllegalArgumentException if the position was saved from a different pipeline
   */
  public DatasetIterator<T> iterator(DatasetPosition position) {
    long fp = fingerprint();
    if (position.fingerprint() != fp) {
      throw new IllegalArgumentException("iterator: the position was saved from a different"
          + " pipeline (fingerprint " + Long.toHexString(position.fingerprint()) + ", this one "
          + Long.toHexString(fp) + ")");
    }
    DatasetIterator<T> it = iterator(position.epoch());
    try {
      return it.fastForward(position.consumed());
    } catch (RuntimeException e) {
      it.close();
      throw e;
    }
  }

  private DatasetIterator<T> open(long epoch) {
    return new DatasetIterator<>(source.open(OpenContext.forEpoch(epoch)), fingerprint(), epoch);
  }

  /** All elements of the next pass (which must end). */
  public List<T> toList() {
    List<T> out = new ArrayList<>();
    try (DatasetIterator<T> it = iterator()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Dataset[fingerprint=" + Long.toHexString(fingerprint()) + "]";
  }
}
