package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.OpRegistry;
import dev.rill.core.ops.array.PadDefs;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Hand-worked values of the shape ops, the errors they raise, and their registration. */
class ArrayShapeOpsTest {
  private static final Tensor M = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});

  private static void fails(ThrowingCallable call, String op, String... fragments) {
    var a = assertThatThrownBy(call).isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith(op + ":");
    for (String f : fragments) {
      a.hasMessageContaining(f);
    }
  }

  @Test
  void valuesByHand() {
    assertThat(ArrayOps.transpose(M).toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
    assertThat(ArrayOps.expandDims(M, 1).shape()).isEqualTo(Shape.of(2, 1, 3));
    assertThat(ArrayOps.squeeze(Tensor.of(Shape.of(1, 2, 1), 7f, 8f)).shape())
        .isEqualTo(Shape.of(2));
    assertThat(ArrayOps.concat(List.of(M, M), 1).toFloatArray())
        .containsExactly(1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6);
    Tensor s = ArrayOps.stack(List.of(Tensor.of(1, 2), Tensor.of(3, 4)), 1);
    assertThat(s.shape()).isEqualTo(Shape.of(2, 2));
    assertThat(s.toIntArray()).containsExactly(1, 3, 2, 4);
    List<Tensor> cols = ArrayOps.unstack(M, 1);
    assertThat(cols).hasSize(3);
    assertThat(cols.get(2).toFloatArray()).containsExactly(3, 6);
    List<Tensor> parts = ArrayOps.split(M, new int[] {2, -1}, 1);
    assertThat(parts.get(0).toFloatArray()).containsExactly(1, 2, 4, 5);
    assertThat(parts.get(1).toFloatArray()).containsExactly(3, 6);
    assertThat(ArrayOps.slice(M, new int[] {1, 1}, new int[] {-1, 2}).toFloatArray())
        .containsExactly(5, 6);
    assertThat(ArrayOps.tile(Tensor.of(1, 2), 3).toIntArray()).containsExactly(1, 2, 1, 2, 1, 2);
    assertThat(ArrayOps.pad(Tensor.of(1f, 2f, 3f), new int[][] {{2, 1}}).toFloatArray())
        .containsExactly(0, 0, 1, 2, 3, 0);
    assertThat(ArrayOps.mirrorPad(Tensor.of(1f, 2f, 3f), new int[][] {{2, 1}},
        PadDefs.Mode.REFLECT).toFloatArray()).containsExactly(3, 2, 1, 2, 3, 2);
    assertThat(ArrayOps.mirrorPad(Tensor.of(1f, 2f, 3f), new int[][] {{2, 1}},
        PadDefs.Mode.SYMMETRIC).toFloatArray()).containsExactly(2, 1, 1, 2, 3, 3);
    assertThat(ArrayOps.reverse(M, -1).toFloatArray()).containsExactly(3, 2, 1, 6, 5, 4);
  }

  @Test
  void emptyEdges() {
    Tensor empty = Tensor.of(Shape.of(0, 3), new float[0]);
    assertThat(ArrayOps.unstack(empty, 0)).isEmpty();
    assertThat(ArrayOps.unstack(empty, 1)).hasSize(3)
        .allSatisfy(t -> assertThat(t.shape()).isEqualTo(Shape.of(0)));
    assertThat(ArrayOps.concat(List.of(empty, empty), 0).shape()).isEqualTo(Shape.of(0, 3));
    assertThat(ArrayOps.split(empty, 3, 1)).hasSize(3);
    assertThat(ArrayOps.tile(empty, 5, 2).shape()).isEqualTo(Shape.of(0, 6));
    assertThat(ArrayOps.pad(empty, new int[][] {{1, 0}, {0, 0}}).toFloatArray())
        .containsExactly(0, 0, 0);
    assertThat(ArrayOps.transpose(Tensor.scalar(2f)).floatValue()).isEqualTo(2f);
    assertThat(ArrayOps.reverse(Tensor.scalar(2f)).floatValue()).isEqualTo(2f);
    assertThat(ArrayOps.pad(Tensor.scalar(2f), new int[0][]).floatValue()).isEqualTo(2f);
  }

  @Test
  void otherDTypesMoveUnchanged() {
    Tensor strings = Tensor.ofStrings(Shape.of(2, 2), "a", "b", "c", "d");
    assertThat(ArrayOps.transpose(strings).toStringArray()).containsExactly("a", "c", "b", "d");
    Tensor bools = Tensor.of(Shape.of(2, 2), true, false, false, false);
    assertThat(ArrayOps.reverse(bools, 0, 1).toBooleanArray())
        .containsExactly(false, false, false, true);
    Tensor c = Tensor.ofComplex(Shape.of(2), 1f, 2f, 3f, 4f);
    assertThat(ArrayOps.concat(List.of(c, ArrayOps.reverse(c, 0)), 0).complexData())
        .containsExactly(1f, 2f, 3f, 4f, 3f, 4f, 1f, 2f);
    Tensor longs = Tensor.of(Shape.of(2, 3), 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(ArrayOps.tile(ArrayOps.slice(longs, new int[] {0, 1}, new int[] {2, 1}), 1, 2)
        .toLongArray()).containsExactly(2L, 2L, 5L, 5L);
  }

  @Test
  void opsAreRegisteredByTensorFlowName() {
    for (String name : List.of("Transpose", "ExpandDims", "Squeeze", "ConcatV2", "Pack", "Unpack",
        "Split", "SplitV", "Slice", "StridedSlice", "StridedSliceGrad", "Tile", "PadV2",
        "MirrorPad", "ReverseV2", "GatherV2", "GatherNd", "ScatterNd", "UnsortedSegmentSum",
        "OneHot", "Range", "LinSpace", "TopKV2", "InTopKV2")) {
      assertThat(OpRegistry.get(name)).as(name).isNotNull();
    }
  }

  @Test
  void errors() {
    fails(() -> ArrayOps.concat(List.of(M, Tensor.of(1f, 2f)), 0), "ConcatV2",
        "ranks of all inputs must match", "[2, 3]", "[2]");
    fails(() -> ArrayOps.concat(List.of(M, Tensor.of(new float[][] {{1, 2}})), 0), "ConcatV2",
        "dimension 1 must match", "[1, 2]");
    fails(() -> ArrayOps.concat(List.of(M, M.cast(dev.rill.core.DType.FLOAT64)), 0), "ConcatV2",
        "same dtype", "float64");
    fails(() -> ArrayOps.concat(List.of(Tensor.scalar(1f), Tensor.scalar(2f)), 0), "ConcatV2",
        "scalars");
    fails(() -> ArrayOps.concat(List.of(M, M), 2), "ConcatV2", "axis 2 is out of range");
    fails(() -> ArrayOps.reshape(M, 4, 2), "Reshape", "[2, 3]", "6 elements", "[4, 2]");
    fails(() -> ArrayOps.transpose(M, 0, 0), "Transpose", "perm [0, 0]", "[2, 3]");
    fails(() -> ArrayOps.transpose(M, 1, 0, 2), "Transpose", "not a permutation of [0, 2)");
    fails(() -> ArrayOps.transpose(M, -1, 0), "Transpose", "perm [-1, 0]");
    fails(() -> ArrayOps.expandDims(M, 3), "ExpandDims", "axis 3", "[-3, 2]");
    fails(() -> ArrayOps.squeeze(M, 1), "Squeeze", "cannot squeeze axis 1", "got 3");
    fails(() -> ArrayOps.stack(List.of(M, ArrayOps.transpose(M)), 0), "Pack", "[3, 2]");
    fails(() -> ArrayOps.stack(List.of(M), 3), "Pack", "axis 3");
    fails(() -> ArrayOps.unstack(M, 2), "Unpack", "axis 2");
    fails(() -> ArrayOps.split(M, new int[] {1, 1}, 1), "SplitV", "[1, 1]", "do not add up to 3");
    fails(() -> ArrayOps.split(M, new int[] {-1, -1}, 1), "SplitV", "one -1");
    fails(() -> ArrayOps.split(M, 2, 1), "Split", "2 pieces", "[2, 3]");
    fails(() -> ArrayOps.slice(M, new int[] {3, 0}, new int[] {1, 1}), "Slice", "begin[0] = 3",
        "[0, 2]");
    fails(() -> ArrayOps.slice(M, new int[] {0, 1}, new int[] {1, 3}), "Slice", "size[1] = 3",
        "[0, 2]");
    fails(() -> ArrayOps.slice(M, new int[] {0}, new int[] {1}), "Slice", "2 entries");
    fails(() -> ArrayOps.tile(M, 2), "Tile", "multiples [2]", "2 entries");
    fails(() -> ArrayOps.tile(M, 1, -1), "Tile", ">= 0");
    fails(() -> ArrayOps.pad(M, new int[][] {{1, 1}}), "PadV2", "one {before, after} pair");
    fails(() -> ArrayOps.pad(M, new int[][] {{1, 1}, {-1, 0}}), "PadV2", "paddings[1] = [-1, 0]");
    fails(() -> ArrayOps.pad(M, new int[][] {{1, 1}, {0, 0}}, Tensor.scalar(1.0)), "PadV2",
        "float32");
    fails(() -> ArrayOps.mirrorPad(M, new int[][] {{2, 0}, {0, 0}}, PadDefs.Mode.REFLECT),
        "MirrorPad", "paddings[0] = [2, 0]", "at most 1", "REFLECT");
    fails(() -> ArrayOps.mirrorPad(M, new int[][] {{0, 0}, {0, 4}}, PadDefs.Mode.SYMMETRIC),
        "MirrorPad", "at most 3");
    fails(() -> ArrayOps.reverse(M, 1, -1), "ReverseV2", "more than once");
    fails(() -> ArrayOps.reverse(M, 2), "ReverseV2", "axis 2 is out of range");
  }
}
