package dev.rill.train.feature;

import dev.rill.core.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One batch of features while columns are applied to it, with each column's transformed value
 * kept so a column used by several others (a bucketized column in a cross and alone) is computed
 * once, as TensorFlow's {@code FeatureTransformationCache}. Also carries the variable-name prefix
 * of the consumer ({@code input_layer}, {@code linear/linear_model}).
 */
public final class TransformCache {
  private final Features features;
  private final String prefix;
  private final Map<Key, Object> values = new HashMap<>();

  public TransformCache(Features features, String prefix) {
    this.features = features;
    this.prefix = prefix;
  }

  public Features features() {
    return features;
  }

  /** The prefix of variable names, without a trailing slash. */
  public String prefix() {
    return prefix;
  }

  /** The dense tensor for {@code column}, computed once per cache. */
  Tensor dense(DenseColumn column, Supplier<Tensor> make) {
    return get(new Key(column, "dense"), make);
  }

  /** The ids for {@code column}, computed once per cache. */
  IdWeightPair ids(CategoricalColumn column, Supplier<IdWeightPair> make) {
    return get(new Key(column, "ids"), make);
  }

  @SuppressWarnings("unchecked")
  private <T> T get(Key key, Supplier<T> make) {
    Object have = values.get(key);
    if (have != null) {
      return (T) have;
    }
    T v = make.get();   // may fill the cache with the columns it depends on
    values.put(key, v);
    return v;
  }

  private record Key(Object column, String kind) {}
}
