package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A real-valued feature of a fixed shape, {@code tf.feature_column.numeric_column}: the dense
 * feature, normalized if a function is given, cast to float32 and flattened to
 * {@code [batch, prod(shape)]}.
 *
 * @param key the feature's name (and the column's)
 * @param shape the shape of one example's value ({@code [1]} for a scalar)
 * @param defaultValue the value a parser fills in for a missing feature (length
 *     {@code prod(shape)}), or null for none; it is not used on already-parsed batches
 * @param normalizer applied to the raw tensor before the cast, or null
 */
public record NumericColumn(String key, int[] shape, float[] defaultValue,
    UnaryOperator<Tensor> normalizer) implements DenseColumn {
  public NumericColumn {
    if (key == null || key.isEmpty()) {
      throw new InvalidArgumentException("numeric_column: key must not be empty");
    }
    shape = shape.clone();
    for (int d : shape) {
      if (d < 1) {
        throw new InvalidArgumentException("numeric_column '" + key
            + "': shape dimensions must be > 0, got " + Arrays.toString(shape));
      }
    }
    if (defaultValue != null && defaultValue.length != Shape.of(shape).size()) {
      throw new InvalidArgumentException("numeric_column '" + key + "': default_value has "
          + defaultValue.length + " values, shape " + Arrays.toString(shape) + " needs "
          + Shape.of(shape).size());
    }
  }

  @Override
  public String name() {
    return key;
  }

  @Override
  public int dimension() {
    return Shape.of(shape).size();
  }

  @Override
  public Tensor denseTensor(TransformCache cache) {
    return cache.dense(this, () -> {
      Features f = cache.features();
      if (f.has(key) && f.isSparse(key)) {
        throw new InvalidArgumentException("numeric_column '" + key
            + "': the feature must be a dense Tensor; SparseTensor is not supported");
      }
      Tensor x = f.dense(key);
      if (normalizer != null) {
        x = normalizer.apply(x);
      }
      if (x.dtype() != DType.FLOAT32) {
        if (!x.dtype().isNumeric() || x.dtype().isComplex()) {
          throw new InvalidArgumentException("numeric_column '" + key
              + "': the feature must be numeric, got " + x.dtype());
        }
        x = x.cast(DType.FLOAT32);
      }
      int batch = x.rank() == 0 ? 0 : x.shape().dim(0);
      if (x.rank() == 0 || x.size() != batch * dimension()) {
        throw new InvalidArgumentException("numeric_column '" + key + "': a feature of shape "
            + x.shape() + " does not fit [batch] + " + Arrays.toString(shape));
      }
      return x.reshape(batch, dimension());
    });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn n && key.equals(n.key) && Arrays.equals(shape, n.shape)
        && Arrays.equals(defaultValue, n.defaultValue) && normalizer == n.normalizer;
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "NumericColumn(" + key + ", shape=" + Arrays.toString(shape) + ")";
  }
}
