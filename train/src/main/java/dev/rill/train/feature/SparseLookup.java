package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.ArrayOps;
import dev.rill.nn.Scope;

/**
 * TensorFlow's {@code safe_embedding_lookup_sparse} for one batch: only the rows of the ids present
 * are read, scaled by their weights, summed per example and combined. The rows are read off the
 * tape and then watched, so the backward pass ends at them instead of scattering a dense gradient
 * into the whole table; {@link SparseGradients} turns their gradient into row updates.
 */
final class SparseLookup {
  private SparseLookup() {}

  /** {@code [batch, table width]}: the combined rows of each example's valid ids. */
  static Tensor combine(Variable table, IdWeightPair pair, Combiner combiner, String column) {
    int batch = pair.batch();
    int rowsInTable = table.shape().dim(0);
    int width = table.shape().dim(1);
    long[] ids = pair.ids().values().longData();
    int[] example = SparseIds.rows(pair.ids());
    float[] w = pair.weights() == null ? null : pair.weights().values().floatData();
    int n = 0;
    for (int k = 0; k < ids.length; k++) {
      if (ids[k] >= rowsInTable) {
        throw new InvalidArgumentException("column '" + column + "': id " + ids[k]
            + " is not in [0, " + rowsInTable + ")");
      }
      if (valid(ids[k], w, k)) {
        n++;
      }
    }
    if (n == 0) {
      return Tensor.wrap(DType.FLOAT32, Shape.of(batch, width), new float[batch * width]);
    }
    int[] keptIds = new int[n];
    int[] keptRows = new int[n];
    float[] keptW = new float[n];
    double[] sumW = new double[batch];
    double[] sumW2 = new double[batch];
    for (int k = 0, j = 0; k < ids.length; k++) {
      if (valid(ids[k], w, k)) {
        keptIds[j] = (int) ids[k];
        keptRows[j] = example[k];
        keptW[j] = w == null ? 1f : w[k];
        sumW[example[k]] += keptW[j];
        sumW2[example[k]] += (double) keptW[j] * keptW[j];
        j++;
      }
    }
    Tensor idTensor = Tensor.of(keptIds);
    Tensor rows = gatherRows(table, idTensor);
    Tensor weighted = w == null ? rows : rows.mul(Tensor.of(Shape.of(n, 1), keptW));
    Tensor summed = ArrayOps.unsortedSegmentSum(weighted, Tensor.of(keptRows), batch);
    if (combiner == Combiner.SUM) {
      return summed;
    }
    float[] denom = new float[batch];
    for (int b = 0; b < batch; b++) {
      double d = combiner == Combiner.MEAN ? sumW[b] : Math.sqrt(sumW2[b]);
      denom[b] = d > 0 ? (float) d : 1f;   // an example without ids stays zero
    }
    return summed.div(Tensor.of(Shape.of(batch, 1), denom));
  }

  private static boolean valid(long id, float[] w, int k) {
    return id >= 0 && (w == null || w[k] > 0);
  }

  /** The table rows at {@code ids}, registered for a row gradient while a tape records. */
  private static Tensor gatherRows(Variable table, Tensor ids) {
    GradientTape tape = Scope.current().tape();
    if (tape == null || !table.trainable()) {
      return ArrayOps.gather(table.value(), ids, 0);
    }
    Tensor rows = tape.stopRecording(() -> ArrayOps.gather(table.value(), ids, 0));
    tape.watch(rows);
    SparseGradients.record(tape, table, ids, rows);
    return rows;
  }
}
