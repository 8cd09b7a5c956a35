package dev.rill.train.feature;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.io.example.ParsedFeatures;
import dev.rill.io.example.SparseTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One batch of raw features by name, each either a dense tensor (first axis the batch) or a
 * {@link SparseTensor} (indices {@code [N, 2]} = (example, position)): the {@code features} dict
 * a TensorFlow input function returns.
 *
 * {@snippet :
 * Features f = Features.builder()
 *     .dense("age", Tensor.of(25f, 40f))
 *     .sparse("tags", SparseInputs.strings(List.of(List.of("a", "b"), List.of())))
 *     .build();
 * }
 */
public final class Features {
  private final Map<String, Tensor> dense;
  private final Map<String, SparseTensor> sparse;

  private Features(Map<String, Tensor> dense, Map<String, SparseTensor> sparse) {
    this.dense = Map.copyOf(dense);
    this.sparse = Map.copyOf(sparse);
    for (String k : this.dense.keySet()) {
      if (this.sparse.containsKey(k)) {
        throw new InvalidArgumentException("feature '" + k + "' is given both dense and sparse");
      }
    }
  }

  /** Dense features only. */
  public static Features of(Map<String, Tensor> dense) {
    return new Features(dense, Map.of());
  }

  /** Dense and sparse features. */
  public static Features of(Map<String, Tensor> dense, Map<String, SparseTensor> sparse) {
    return new Features(dense, sparse);
  }

  /** The features of parsed {@code tf.Example}s. */
  public static Features of(ParsedFeatures parsed) {
    return new Features(parsed.dense(), parsed.sparse());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True if there is a feature called {@code key}. */
  public boolean has(String key) {
    return dense.containsKey(key) || sparse.containsKey(key);
  }

  /** True if the feature {@code key} is sparse. */
  public boolean isSparse(String key) {
    return sparse.containsKey(key);
  }

  /** The dense feature {@code key}; an error naming what there is if it is missing or sparse. */
  public Tensor dense(String key) {
    Tensor t = dense.get(key);
    if (t == null) {
      throw new InvalidArgumentException(sparse.containsKey(key)
          ? "feature '" + key + "' must be dense, but it is a SparseTensor"
          : missing(key));
    }
    return t;
  }

  /** The sparse feature {@code key}. */
  public SparseTensor sparse(String key) {
    SparseTensor t = sparse.get(key);
    if (t == null) {
      throw new InvalidArgumentException(dense.containsKey(key)
          ? "feature '" + key + "' must be sparse, but it is dense" : missing(key));
    }
    return t;
  }

  /** All feature names, sorted. */
  public Set<String> keys() {
    Set<String> out = new TreeSet<>(dense.keySet());
    out.addAll(sparse.keySet());
    return out;
  }

  String missing(String key) {
    return "feature '" + key + "' is not in the features; there are " + keys();
  }

  /** Collects features by name. */
  public static final class Builder {
    private final Map<String, Tensor> dense = new LinkedHashMap<>();
    private final Map<String, SparseTensor> sparse = new LinkedHashMap<>();

    private Builder() {}

    public Builder dense(String key, Tensor value) {
      dense.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    public Builder sparse(String key, SparseTensor value) {
      sparse.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    public Features build() {
      return new Features(dense, sparse);
    }
  }
}
