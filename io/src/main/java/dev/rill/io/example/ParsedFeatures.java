package dev.rill.io.example;

import dev.rill.core.Tensor;
import java.util.Collections;
import java.util.Map;

/**
 * What {@link ExampleParser} returns: a dense tensor per {@link FixedLenFeature} and
 * {@link FixedLenSequenceFeature}, a {@link SparseTensor} per {@link VarLenFeature}, by feature
 * name (the dict {@code tf.io.parse_example} returns).
 *
 * {@snippet :
 * ParsedFeatures f = ExampleParser.parseExample(batch, spec);
 * Tensor labels = f.dense("class_index");   // int64 [batch, 1]
 * SparseTensor ink = f.sparse("ink");
 * }
 */
public final class ParsedFeatures {
  private final Map<String, Tensor> dense;
  private final Map<String, SparseTensor> sparse;

  ParsedFeatures(Map<String, Tensor> dense, Map<String, SparseTensor> sparse) {
    this.dense = Collections.unmodifiableMap(dense);
    this.sparse = Collections.unmodifiableMap(sparse);
  }

  /** The dense outputs by feature name, in spec order. */
  public Map<String, Tensor> dense() {
    return dense;
  }

  /** The sparse outputs by feature name, in spec order. */
  public Map<String, SparseTensor> sparse() {
    return sparse;
  }

  /**
   * The dense output of {@code name}.
   *
   * @throws IllegalArgumentException if the spec has no dense feature of that name
   */
  public Tensor dense(String name) {
    Tensor t = dense.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no dense feature '" + name + "' (dense: "
          + dense.keySet() + ", sparse: " + sparse.keySet() + ")");
    }
    return t;
  }

  /**
   * The sparse output of {@code name}.
   *
   * @throws IllegalArgumentException if the spec has no VarLenFeature of that name
   */
  public SparseTensor sparse(String name) {
    SparseTensor t = sparse.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no sparse feature '" + name + "' (dense: "
          + dense.keySet() + ", sparse: " + sparse.keySet() + ")");
    }
    return t;
  }

  @Override
  public String toString() {
    return "ParsedFeatures{dense=" + dense.keySet() + ", sparse=" + sparse.keySet() + "}";
  }
}
