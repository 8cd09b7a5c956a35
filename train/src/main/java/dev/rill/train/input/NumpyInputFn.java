package dev.rill.train.input;

import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.train.Batch;
import dev.rill.train.SeekableInputFn;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Batches from tensors in memory, as {@code tf.estimator.inputs.numpy_input_fn}: features and labels
 * sliced along their first dimension, in batches of {@code batchSize} (the last of an epoch may be
 * smaller), for {@code numEpochs} epochs or forever (0), reshuffled every epoch when asked.
 *
 * {@snippet :
 * InputFn train = NumpyInputFn.builder(Map.of("x", images), labels)
 *     .batchSize(100).forever().shuffle(42).build();
 * }
 */
public final class NumpyInputFn implements SeekableInputFn {
  private final Map<String, Tensor> features;
  private final Tensor labels;
  private final int batchSize;
  private final int numEpochs;
  private final boolean shuffle;
  private final long seed;
  private final int rows;

  private NumpyInputFn(Builder b) {
    this.features = Map.copyOf(b.features);
    this.labels = b.labels;
    this.batchSize = b.batchSize;
    this.numEpochs = b.numEpochs;
    this.shuffle = b.shuffle;
    this.seed = b.seed;
    Tensor first = labels != null ? labels : features.values().iterator().next();
    this.rows = first.shape().dim(0);
    for (Map.Entry<String, Tensor> e : features.entrySet()) {
      if (e.getValue().shape().dim(0) != rows) {
        throw new IllegalArgumentException("numpy_input_fn: feature '" + e.getKey() + "' has "
            + e.getValue().shape().dim(0) + " rows, expected " + rows);
      }
    }
  }

  public static Builder builder(Map<String, Tensor> features, Tensor labels) {
    return new Builder(features, labels);
  }

  /**
   * From the options, names, shapes and dtypes: the same for the same data layout and
   * configuration in every JVM (so only hashes the Java spec fixes: strings' and ints').
   */
  @Override
  public long fingerprint() {
    StringBuilder d = new StringBuilder()
        .append(batchSize).append('/').append(numEpochs).append('/').append(shuffle)
        .append('/').append(shuffle ? seed : 0).append('/').append(rows);
    if (labels != null) {
      d.append("/labels").append(labels.dtype().name()).append(labels.shape());
    }
    for (String k : new java.util.TreeSet<>(features.keySet())) {
      Tensor t = features.get(k);
      d.append('/').append(k).append(t.dtype().name()).append(t.shape());
    }
    long h = 1125899906842597L;
    for (int i = 0; i < d.length(); i++) {
      h = 31 * h + d.charAt(i);
    }
    return h == 0 ? 1 : h;
  }

  /** Draws and drops the first {@code batchesDone} batches' order, without gathering their rows. */
  @Override
  public Iterator<Batch> open(long batchesDone) {
    if (batchesDone < 0) {
      throw new IllegalArgumentException("numpy_input_fn: batches done must be >= 0, got "
          + batchesDone);
    }
    var it = new Iterator<Batch>() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private int epoch;
      private int pos = rows;
      private int[] order;

      @Override
      public boolean hasNext() {
        if (pos < rows) {
          return true;
        }
        if (numEpochs > 0 && epoch >= numEpochs) {
          return false;
        }
        startEpoch();
        return rows > 0;
      }

      private void startEpoch() {
        epoch++;
        pos = 0;
        order = new int[rows];
        for (int i = 0; i < rows; i++) {
          order[i] = i;
        }
        if (shuffle) {
          for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
        }
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int n = Math.min(batchSize, rows - pos);
        Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(order, pos, pos + n));
        pos += n;
        Map<String, Tensor> f = new LinkedHashMap<>();
        features.forEach((k, t) -> f.put(k, ArrayOps.gather(t, idx, 0)));
        return new Batch(f, labels == null ? null : ArrayOps.gather(labels, idx, 0));
      }

      private Iterator<Batch> skip(long batches) {
        for (long left = batches; left > 0 && hasNext(); left--) {
          pos += Math.min(batchSize, rows - pos);
        }
        return this;
      }
    };
    return it.skip(batchesDone);
  }

  /** Options of {@link NumpyInputFn}; defaults as TensorFlow's: batch 128, 1 epoch, shuffled. */
  public static final class Builder {
    private final Map<String, Tensor> features;
    private final Tensor labels;
    private int batchSize = 128;
    private int numEpochs = 1;
    private boolean shuffle = true;
    private long seed;

    private Builder(Map<String, Tensor> features, Tensor labels) {
      this.features = Objects.requireNonNull(features, "features");
      if (features.isEmpty()) {
        throw new IllegalArgumentException("numpy_input_fn: at least one feature is needed");
      }
      this.labels = labels;
    }

    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("numpy_input_fn: batch size must be >= 1, got " + n);
      }
      this.batchSize = n;
      return this;
    }

    /** Epochs to run; 0 means forever. */
    public Builder numEpochs(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("numpy_input_fn: epochs must be >= 0, got " + n);
      }
      this.numEpochs = n;
      return this;
    }

    public Builder forever() {
      return numEpochs(0);
    }

    public Builder shuffle(long seed) {
      this.shuffle = true;
      this.seed = seed;
      return this;
    }

    public Builder noShuffle() {
      this.shuffle = false;
      return this;
    }

    public NumpyInputFn build() {
      return new NumpyInputFn(this);
    }
  }
}
