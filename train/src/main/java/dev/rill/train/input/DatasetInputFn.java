package dev.rill.train.input;

import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetIterator;
import dev.rill.data.dataset.DatasetPosition;
import dev.rill.data.dataset.Pair;
import dev.rill.train.Batch;
import dev.rill.train.SeekableInputFn;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Batches from a {@link Dataset}, as an {@code input_fn} returning a {@code tf.data.Dataset}: each
 * element of the dataset (already batched) becomes one {@link Batch}. Training resumed from a
 * checkpoint continues the dataset's pass where it stopped, in the same epoch: the Estimator
 * saves the pass and the batches drawn, and this input reopens the dataset at that
 * {@link DatasetPosition}, so a reshuffling dataset draws the order an uninterrupted run would.
 * A train call that ends early closes the dataset's iterator (its prefetch threads and files).
 *
 * {@snippet :
 * Dataset<Pair<Tensor, Tensor>> train = Dataset.zip(
 *         Dataset.fromTensorSlices(images), Dataset.fromTensorSlices(labels))
 *     .shuffle(10_000, 42).batch(100).repeat();
 * estimator.train(DatasetInputFn.fromPairs(train, "x"), 20_000, List.of());
 * }
 *
 * <p>The position is only reused for a dataset with the same {@link Dataset#fingerprint()}; as
 * there, the functions of its maps and of {@code toBatch} are not part of it.
 *
 * @param <T> the dataset's element type
 */
public final class DatasetInputFn<T> implements SeekableInputFn {
  private final Dataset<T> dataset;
  private final Function<? super T, Batch> toBatch;

  private DatasetInputFn(Dataset<T> dataset, Function<? super T, Batch> toBatch) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.toBatch = Objects.requireNonNull(toBatch, "toBatch");
  }

  /** Each element made into a batch by {@code toBatch}. */
  public static <T> DatasetInputFn<T> of(Dataset<T> dataset, Function<? super T, Batch> toBatch) {
    return new DatasetInputFn<>(dataset, toBatch);
  }

  /** Elements of (named features, labels). */
  public static DatasetInputFn<Pair<Map<String, Tensor>, Tensor>> fromFeaturesAndLabels(
      Dataset<Pair<Map<String, Tensor>, Tensor>> dataset) {
    return of(dataset, p -> new Batch(p.first(), p.second()));
  }

  /** Elements of (feature, labels), the feature named {@code featureName}. */
  public static DatasetInputFn<Pair<Tensor, Tensor>> fromPairs(
      Dataset<Pair<Tensor, Tensor>> dataset, String featureName) {
    Objects.requireNonNull(featureName, "featureName");
    return of(dataset, p -> new Batch(Map.of(featureName, p.first()), p.second()));
  }

  /** Elements of features only (for prediction), the feature named {@code featureName}. */
  public static DatasetInputFn<Tensor> fromFeatures(Dataset<Tensor> dataset, String featureName) {
    Objects.requireNonNull(featureName, "featureName");
    return of(dataset, t -> new Batch(Map.of(featureName, t), null));
  }

  public Dataset<T> dataset() {
    return dataset;
  }

  /** The dataset's next pass, as {@link Dataset#iterator()} (each call a new epoch). */
  @Override
  public Iterator<Batch> open() {
    return new Batches<>(dataset.iterator(), toBatch);
  }

  /** The first pass after its first {@code batchesDone} batches. */
  @Override
  public Iterator<Batch> open(long batchesDone) {
    return open(0, batchesDone);
  }

  @Override
  public Iterator<Batch> open(long epoch, long batchesDone) {
    if (epoch < 0 || batchesDone < 0) {
      throw new IllegalArgumentException("DatasetInputFn: epoch and batches done must be >= 0, "
          + "got " + epoch + " and " + batchesDone);
    }
    DatasetIterator<T> it = dataset.iterator(
        new DatasetPosition(dataset.fingerprint(), epoch, batchesDone));
    return new Batches<>(it, toBatch);
  }

  /** The dataset's fingerprint (1 in the unlikely case it is 0). */
  @Override
  public long fingerprint() {
    long f = dataset.fingerprint();
    return f == 0 ? 1 : f;
  }

  /** A dataset pass seen as batches; closing it closes the pass. */
  private static final class Batches<T> implements Iterator<Batch>, AutoCloseable {
    private final DatasetIterator<T> elements;
    private final Function<? super T, Batch> toBatch;

    Batches(DatasetIterator<T> elements, Function<? super T, Batch> toBatch) {
      this.elements = elements;
      this.toBatch = toBatch;
    }

    @Override
    public boolean hasNext() {
      return elements.hasNext();
    }

    @Override
    public Batch next() {
      return toBatch.apply(elements.next());
    }

    @Override
    public void close() {
      elements.close();
    }
  }
}
