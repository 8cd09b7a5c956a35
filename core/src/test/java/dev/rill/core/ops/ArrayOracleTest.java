package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.array.PadDefs;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Shape ops against TensorFlow. They only move data, so results must be identical (tolerance 0),
 * on float32 and on int32 inputs.
 */
class ArrayOracleTest {
  static Tensor values(long seed, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) r.nextDouble(-5, 5);
    }
    return Tensor.of(Shape.of(dims), d);
  }

  static Tensor ints(long seed, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] d = new int[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(-100, 100);
    }
    return Tensor.of(Shape.of(dims), d);
  }

  static void same(String what, Tensor got, Tensor expected) {
    Golden.assertClose(what, got, expected, 0, 0);
  }

  static Tensor tf(String op, List<Tensor> inputs, Map<String, Object> attrs) {
    return TfOracle.run(op, inputs, attrs, 1).get(0);
  }

  @Test
  void transpose() {
    for (Tensor x : List.of(values(1, 2, 3, 4), ints(2, 2, 3, 4))) {
      for (int[] perm : new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}}) {
        same("Transpose " + java.util.Arrays.toString(perm), ArrayOps.transpose(x, perm),
            tf("Transpose", List.of(x, Tensor.of(perm)), Map.of()));
      }
    }
    // large enough to be walked in tiles, with partial tiles at the edges
    Tensor big = values(3, 33, 70, 40);
    for (Tensor t : List.of(big, big.cast(dev.rill.core.DType.FLOAT64), ints(5, 3, 70, 41),
        ints(6, 3, 70, 41).cast(dev.rill.core.DType.INT64))) {
      same("Transpose big " + t.dtype(), ArrayOps.transpose(t, 2, 0, 1),
          tf("Transpose", List.of(t, Tensor.of(2, 0, 1)), Map.of()));
      same("Transpose big swap " + t.dtype(), ArrayOps.transpose(t, 0, 2, 1),
          tf("Transpose", List.of(t, Tensor.of(0, 2, 1)), Map.of()));
    }
    Tensor empty = values(4, 2, 0, 3);
    same("Transpose empty", ArrayOps.transpose(empty),
        tf("Transpose", List.of(empty, Tensor.of(2, 1, 0)), Map.of()));
  }

  @Test
  void expandDimsAndSqueeze() {
    Tensor x = values(5, 2, 1, 3, 1);
    for (int axis : new int[] {0, 2, 4, -1, -5}) {
      same("ExpandDims " + axis, ArrayOps.expandDims(x, axis),
          tf("ExpandDims", List.of(x, Tensor.scalar(axis)), Map.of()));
    }
    same("Squeeze all", ArrayOps.squeeze(x), tf("Squeeze", List.of(x), Map.of()));
    same("Squeeze -1", ArrayOps.squeeze(x, -1),
        tf("Squeeze", List.of(x), Map.of("squeeze_dims", new long[] {-1})));
    same("Squeeze 1,3", ArrayOps.squeeze(x, 1, 3),
        tf("Squeeze", List.of(x), Map.of("squeeze_dims", new long[] {1, 3})));
  }

  @Test
  void concatStackUnstack() {
    Tensor a = values(6, 2, 3, 4);
    Tensor b = values(7, 2, 1, 4);
    Tensor c = values(8, 2, 0, 4);
    for (int axis : new int[] {1, -2}) {
      Tensor expected = TfOracle.runWithListInputs("ConcatV2",
          List.of(List.of(a, b, c), List.of(Tensor.scalar(axis))), Map.of(), 1).get(0);
      same("ConcatV2 " + axis, ArrayOps.concat(List.of(a, b, c), axis), expected);
    }
    Tensor d = ints(9, 3, 2);
    Tensor e = ints(10, 3, 2);
    for (int axis : new int[] {0, 1, 2, -1, -3}) {
      Tensor expected = TfOracle.runWithListInputs("Pack", List.of(List.of(d, e)),
          Map.of("axis", axis), 1).get(0);
      same("Pack " + axis, ArrayOps.stack(List.of(d, e), axis), expected);
    }
    Tensor x = values(11, 2, 3, 4);
    for (int axis : new int[] {0, 1, 2, -1}) {
      int num = x.shape().dim(axis);
      List<Tensor> expected = TfOracle.run("Unpack", List.of(x),
          Map.of("num", num, "axis", axis), num);
      List<Tensor> got = ArrayOps.unstack(x, axis);
      assertThat(got).hasSize(num);
      for (int i = 0; i < num; i++) {
        same("Unpack " + axis + "/" + i, got.get(i), expected.get(i));
      }
    }
  }

  @Test
  void split() {
    Tensor x = values(12, 3, 6, 2);
    List<Tensor> exp = TfOracle.run("SplitV",
        List.of(x, Tensor.of(1, -1, 2), Tensor.scalar(1)), Map.of("num_split", 3), 3);
    List<Tensor> got = ArrayOps.split(x, new int[] {1, -1, 2}, 1);
    for (int i = 0; i < 3; i++) {
      same("SplitV " + i, got.get(i), exp.get(i));
    }
    List<Tensor> exp2 = TfOracle.run("Split", List.of(Tensor.scalar(-2), x),
        Map.of("num_split", 3), 3);
    List<Tensor> got2 = ArrayOps.split(x, 3, -2);
    for (int i = 0; i < 3; i++) {
      same("Split " + i, got2.get(i), exp2.get(i));
    }
  }

  @Test
  void slice() {
    Tensor x = ints(13, 4, 5, 3);
    int[][][] cases = {{{0, 0, 0}, {4, 5, 3}}, {{1, 2, 0}, {2, -1, 2}}, {{3, 0, 1}, {1, 5, -1}},
        {{4, 5, 3}, {0, 0, 0}}, {{2, 1, 1}, {0, 3, 1}}};
    for (int[][] c : cases) {
      same("Slice", ArrayOps.slice(x, c[0], c[1]),
          tf("Slice", List.of(x, Tensor.of(c[0]), Tensor.of(c[1])), Map.of()));
    }
  }

  @Test
  void tileReversePad() {
    Tensor x = values(14, 2, 3);
    for (int[] m : new int[][] {{1, 1}, {2, 3}, {3, 1}, {0, 2}}) {
      same("Tile", ArrayOps.tile(x, m), tf("Tile", List.of(x, Tensor.of(m)), Map.of()));
    }
    Tensor y = ints(15, 3, 4, 5);
    for (int[] axes : new int[][] {{}, {0}, {1}, {-1}, {0, 2}, {2, 1, 0}}) {
      same("ReverseV2", ArrayOps.reverse(y, axes),
          tf("ReverseV2", List.of(y, Tensor.of(axes)), Map.of()));
    }
    int[][] pads = {{1, 2}, {0, 3}, {2, 0}};
    Tensor p = Tensor.of(Shape.of(3, 2), 1, 2, 0, 3, 2, 0);
    same("PadV2", ArrayOps.pad(y, pads, Tensor.scalar(7)),
        tf("PadV2", List.of(y, p, Tensor.scalar(7)), Map.of()));
    same("Pad float", ArrayOps.pad(values(16, 2, 3, 2), pads),
        tf("PadV2", List.of(values(16, 2, 3, 2), p, Tensor.scalar(0f)), Map.of()));
    int[][] mpads = {{1, 2}, {0, 3}, {4, 3}};
    Tensor mp = Tensor.of(Shape.of(3, 2), 1, 2, 0, 3, 4, 3);
    same("MirrorPad REFLECT", ArrayOps.mirrorPad(y, mpads, PadDefs.Mode.REFLECT),
        tf("MirrorPad", List.of(y, mp), Map.of("mode", "REFLECT")));
    int[][] spads = {{3, 2}, {4, 3}, {5, 1}};
    Tensor sp = Tensor.of(Shape.of(3, 2), 3, 2, 4, 3, 5, 1);
    same("MirrorPad SYMMETRIC", ArrayOps.mirrorPad(y, spads, PadDefs.Mode.SYMMETRIC),
        tf("MirrorPad", List.of(y, sp), Map.of("mode", "SYMMETRIC")));
  }
}
