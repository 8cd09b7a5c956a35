package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.io.example.SparseTensor;
import java.util.Objects;

/**
 * The ids of a categorical column for one batch, and their weights if the column is weighted.
 *
 * @param ids int64 {@code [batch, k]} sparse ids
 * @param weights float32 weights at the same positions, or null (each id weighs 1)
 */
public record IdWeightPair(SparseTensor ids, SparseTensor weights) {
  public IdWeightPair {
    Objects.requireNonNull(ids, "ids");
    if (ids.values().dtype() != DType.INT64 || ids.rank() != 2) {
      throw new InvalidArgumentException("ids must be a 2-D int64 SparseTensor, got "
          + ids.values().dtype() + " of rank " + ids.rank());
    }
    if (weights != null && (weights.values().dtype() != DType.FLOAT32
        || !java.util.Arrays.equals(weights.indices().longData(), ids.indices().longData()))) {
      throw new InvalidArgumentException("weights must be float32 at the same positions as the "
          + "ids (" + ids.size() + " ids, " + weights.size() + " weights of "
          + weights.values().dtype() + ")");
    }
  }

  /** The batch size. */
  public int batch() {
    return SparseIds.batch(ids);
  }
}
