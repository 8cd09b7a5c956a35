package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Gather, scatter, segment sums, one-hot and sequence masks: values, gradients and errors. */
class IndexOpsTest {
  private static final Tensor TABLE = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});

  private static void fails(ThrowingCallable call, String op, String... fragments) {
    var a = assertThatThrownBy(call).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(op + ":");
    for (String f : fragments) {
      a.hasMessageContaining(f);
    }
  }

  @Test
  void gatherValues() {
    assertThat(ArrayOps.gather(TABLE, Tensor.of(2, 0, 2)).toFloatArray())
        .containsExactly(5, 6, 1, 2, 5, 6);
    Tensor cols = ArrayOps.gather(TABLE, Tensor.of(Shape.of(2, 1), 1L, 0L), -1);
    assertThat(cols.shape()).isEqualTo(Shape.of(3, 2, 1));
    assertThat(cols.toFloatArray()).containsExactly(2, 1, 4, 3, 6, 5);
    assertThat(ArrayOps.gather(TABLE, Tensor.scalar(1)).toFloatArray()).containsExactly(3, 4);
    assertThat(ArrayOps.embeddingLookup(TABLE, Tensor.of(Shape.of(0), new int[0])).shape())
        .isEqualTo(Shape.of(0, 2));
  }

  @Test
  void gatherNdScatterNdAndSegmentSum() {
    Tensor pairs = Tensor.of(Shape.of(2, 2), 2, 1, 0, 0);
    assertThat(ArrayOps.gatherNd(TABLE, pairs).toFloatArray()).containsExactly(6, 1);
    assertThat(ArrayOps.gatherNd(TABLE, Tensor.of(Shape.of(1, 1), 1)).toFloatArray())
        .containsExactly(3, 4);
    // duplicates add up
    Tensor s = ArrayOps.scatterNd(Tensor.of(Shape.of(3, 1), 1, 3, 1), Tensor.of(1f, 2f, 3f),
        Shape.of(5));
    assertThat(s.toFloatArray()).containsExactly(0, 4, 0, 2, 0);
    Tensor seg = ArrayOps.unsortedSegmentSum(TABLE, Tensor.of(1, -1, 1), 3);
    assertThat(seg.toFloatArray()).containsExactly(0, 0, 6, 8, 0, 0);
    Tensor ints = ArrayOps.unsortedSegmentSum(Tensor.of(Shape.of(2, 2), 1, 2, 3, 4),
        Tensor.of(Shape.of(2, 2), 0, 0, 0, 2), 3);
    assertThat(ints.toIntArray()).containsExactly(6, 0, 4);
  }

  @Test
  void oneHotAndSequenceMask() {
    Tensor oh = ArrayOps.oneHot(Tensor.of(2, -1, 0, 3), 3);
    assertThat(oh.toFloatArray()).containsExactly(0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0);
    Tensor axis0 = ArrayOps.oneHot(Tensor.of(1L, 0L), 3, Tensor.scalar(5), Tensor.scalar(-1), 0);
    assertThat(axis0.shape()).isEqualTo(Shape.of(3, 2));
    assertThat(axis0.toIntArray()).containsExactly(-1, 5, 5, -1, -1, -1);
    Tensor mask = ArrayOps.sequenceMask(Tensor.of(1, 3, 0));
    assertThat(mask.shape()).isEqualTo(Shape.of(3, 3));
    assertThat(mask.toBooleanArray()).containsExactly(true, false, false, true, true, true, false,
        false, false);
    Tensor fm = ArrayOps.sequenceMask(Tensor.of(Shape.of(1, 2), 2L, 4L), 3, DType.FLOAT32);
    assertThat(fm.shape()).isEqualTo(Shape.of(1, 2, 3));
    assertThat(fm.toFloatArray()).containsExactly(1, 1, 0, 1, 1, 1);
  }

  @Test
  void gatherGradients() {
    check(in -> ArrayOps.gather(in.get(0), Tensor.of(2, 0, 2, 2)), random(1, 3, 2));
    check(in -> ArrayOps.gather(in.get(0), Tensor.of(Shape.of(2, 2), 1L, 0L, 1L, 1L), 1),
        random(2, 2, 3, 2));
    check(in -> ArrayOps.gather(in.get(0), Tensor.of(0, 0), -1), random(3, 2, 1));
    check(in -> ArrayOps.gather(in.get(0), Tensor.of(Shape.of(0), new int[0])), random(4, 3, 2));
    check(in -> ArrayOps.gather(in.get(0), Tensor.scalar(1), 0), random(5, 2, 0));
    check(in -> ArrayOps.gatherNd(in.get(0), Tensor.of(Shape.of(3, 2), 1, 2, 0, 0, 1, 2)),
        random(6, 2, 3, 2));
    check(in -> ArrayOps.scatterNd(Tensor.of(Shape.of(3, 1), 1, 0, 1), in.get(0),
        Shape.of(4, 2)), random(7, 3, 2));
    check(in -> ArrayOps.unsortedSegmentSum(in.get(0), Tensor.of(2, -1, 0, 2), 3),
        random(8, 4, 2));
    check(in -> ArrayOps.unsortedSegmentSum(in.get(0), Tensor.of(Shape.of(2, 2), 1, 0, 1, 1), 2),
        random(9, 2, 2, 3));
  }

  @Test
  void gatherGradientIsDenseAndSumsRepeats() {
    Tensor table = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(table);
      y = ArrayOps.embeddingLookup(table, Tensor.of(2, 2, 0)).sum();
    }
    assertThat(tape.gradient(y, table).toDoubleArray()).containsExactly(1, 1, 0, 0, 2, 2);
  }

  @Test
  void errors() {
    fails(() -> ArrayOps.gather(TABLE, Tensor.of(0, 3)), "GatherV2", "indices[1] = 3",
        "[0, 3)");
    fails(() -> ArrayOps.gather(TABLE, Tensor.of(Shape.of(1, 2), -1L, 0L), 1), "GatherV2",
        "indices[0,0] = -1", "[0, 2)");
    fails(() -> ArrayOps.gather(TABLE, Tensor.of(0f)), "GatherV2", "int32 or int64", "float32");
    fails(() -> ArrayOps.gather(TABLE, Tensor.of(0), 2), "GatherV2", "axis 2");
    fails(() -> ArrayOps.gatherNd(TABLE, Tensor.of(Shape.of(1, 2), 1, 2)), "GatherNd",
        "indices[0] = [1, 2]", "[3, 2]");
    fails(() -> ArrayOps.gatherNd(TABLE, Tensor.of(Shape.of(1, 3), 0, 0, 0)), "GatherNd",
        "[1, 3]");
    fails(() -> ArrayOps.scatterNd(Tensor.of(Shape.of(1, 1), 4), Tensor.of(1f), Shape.of(4)),
        "ScatterNd", "indices[0] = [4]", "[4]");
    fails(() -> ArrayOps.scatterNd(Tensor.of(Shape.of(2, 1), 0, 1), Tensor.of(1f), Shape.of(4)),
        "ScatterNd", "updates of shape [1]", "expected [2]");
    fails(() -> ArrayOps.unsortedSegmentSum(TABLE, Tensor.of(0, 1, 5), 3), "UnsortedSegmentSum",
        "segment_ids[2] = 5", "[0, 3)");
    fails(() -> ArrayOps.unsortedSegmentSum(TABLE, Tensor.of(0, 1), 3), "UnsortedSegmentSum",
        "prefix", "[3, 2]");
    fails(() -> ArrayOps.oneHot(Tensor.of(1f), 3), "OneHot", "float32");
    fails(() -> ArrayOps.oneHot(Tensor.of(1), -1), "OneHot", "depth");
    fails(() -> ArrayOps.oneHot(Tensor.of(1), 2, Tensor.scalar(1f), Tensor.scalar(0f), 2),
        "OneHot", "axis");
    assertThatThrownBy(() -> ArrayOps.sequenceMask(Tensor.of(1f)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("float32");
  }
}
