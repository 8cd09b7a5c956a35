package dev.rill.train;

import dev.rill.core.Tensor;
import java.util.Map;

/**
 * One batch from an input function: named feature tensors and the labels (null when predicting).
 */
public record Batch(Map<String, Tensor> features, Tensor labels) {
  public Batch {
    features = Map.copyOf(features);
  }

  /** The feature called {@code name}; throws naming the ones there are if it is missing. */
  public Tensor feature(String name) {
    Tensor t = features.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no feature '" + name + "' in the batch; features are "
          + features.keySet());
    }
    return t;
  }

  /** Rows in this batch: the first dimension of the labels, or of any feature. */
  public int size() {
    Tensor t = labels != null ? labels : features.values().iterator().next();
    return t.shape().dim(0);
  }
}
