package dev.rill.core.ops;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Indexing ops against TensorFlow. Gathers and one-hot only move data (exact); scatters and
 * segment sums add in input order, as TensorFlow's CPU kernels do (within 1e-6 relative).
 */
class IndexOracleTest {
  private static Tensor tf(String op, List<Tensor> inputs, Map<String, Object> attrs) {
    return TfOracle.run(op, inputs, attrs, 1).get(0);
  }

  private static Tensor indices(long seed, int limit, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = new int[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(limit);
    }
    return Tensor.of(Shape.of(dims), d);
  }

  @Test
  void gather() {
    Tensor params = ArrayOracleTest.values(1, 4, 5, 3);
    for (int axis : new int[] {0, 1, 2, -1}) {
      int n = params.shape().dim(axis);
      for (Tensor idx : List.of(indices(axis + 10, n, 6), indices(axis + 20, n, 2, 3),
          Tensor.scalar(n - 1), indices(axis + 30, n, 4).cast(dev.rill.core.DType.INT64))) {
        Golden.assertClose("GatherV2 axis " + axis + " " + idx.shape(),
            ArrayOps.gather(params, idx, axis),
            tf("GatherV2", List.of(params, idx, Tensor.scalar(axis)), Map.of()), 0, 0);
      }
    }
  }

  @Test
  void gatherNdAndScatterNd() {
    Tensor params = ArrayOracleTest.ints(2, 3, 4, 2);
    Tensor full = Tensor.of(Shape.of(2, 2, 3), 2, 3, 1, 0, 0, 0, 1, 1, 1, 2, 0, 1);
    Tensor part = Tensor.of(Shape.of(3, 1), 2, 0, 2);
    Tensor pairs = Tensor.of(Shape.of(2, 2), 1L, 3L, 0L, 2L);
    for (Tensor idx : List.of(full, part, pairs)) {
      Golden.assertClose("GatherNd " + idx.shape(), ArrayOps.gatherNd(params, idx),
          tf("GatherNd", List.of(params, idx), Map.of()), 0, 0);
    }
    Tensor updates = ArrayOracleTest.values(3, 5, 2);
    Tensor at = Tensor.of(Shape.of(5, 2), 0, 1, 2, 3, 0, 1, 1, 1, 2, 3);
    Shape shape = Shape.of(3, 4, 2);
    Golden.assertClose("ScatterNd", ArrayOps.scatterNd(at, updates, shape),
        tf("ScatterNd", List.of(at, updates, Tensor.of(shape.dims())), Map.of()), 1e-6, 1e-6);
  }

  @Test
  void unsortedSegmentSum() {
    Tensor data = ArrayOracleTest.values(4, 6, 3, 2);
    Tensor ids = Tensor.of(Shape.of(6, 3), 0, 4, 1, 1, 1, 3, -1, 0, 0, 4, 4, 4, 2, -3, 0, 0, 1, 1);
    Tensor expected = tf("UnsortedSegmentSum", List.of(data, ids, Tensor.scalar(5)), Map.of());
    Golden.assertClose("UnsortedSegmentSum", ArrayOps.unsortedSegmentSum(data, ids, 5), expected,
        1e-6, 1e-6);
    Tensor rows = Tensor.of(3L, 0L, 3L, 1L, 0L, 3L);
    Golden.assertClose("UnsortedSegmentSum rows", ArrayOps.unsortedSegmentSum(data, rows, 4),
        tf("UnsortedSegmentSum", List.of(data, rows, Tensor.scalar(4)), Map.of()), 1e-6, 1e-6);
  }

  @Test
  void oneHot() {
    Tensor idx = Tensor.of(Shape.of(2, 3), 0, 2, -1, 5, 1, 1);
    for (int axis : new int[] {-1, 0, 1, 2}) {
      Tensor expected = tf("OneHot", List.of(idx, Tensor.scalar(4), Tensor.scalar(2.5f),
          Tensor.scalar(-1f)), Map.of("axis", axis));
      Golden.assertClose("OneHot axis " + axis, ArrayOps.oneHot(idx, 4, Tensor.scalar(2.5f),
          Tensor.scalar(-1f), axis), expected, 0, 0);
    }
    Tensor u8 = Tensor.ofUint8(Shape.of(3), (byte) 200, (byte) 1, (byte) 0);
    Golden.assertClose("OneHot uint8", ArrayOps.oneHot(u8, 3, Tensor.scalar(1), Tensor.scalar(0),
        -1), tf("OneHot", List.of(u8, Tensor.scalar(3), Tensor.scalar(1), Tensor.scalar(0)),
        Map.of("axis", -1)), 0, 0);
  }
}
