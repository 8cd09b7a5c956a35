package dev.rill.core.ops;

import static dev.rill.core.ops.MathSelectTest.bools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Max, Min, Prod, All, Any, ArgMax, ArgMin and L2Loss against TensorFlow. Max, Min, All, Any,
 * ArgMax and ArgMin are exact; Prod and L2Loss within 1e-6 * |expected| (Rill multiplies and adds
 * in double, TensorFlow in float).
 */
class ReduceOracleTest {
  /** Axes (null = all) and keepDims for a [2, 3, 4] input, plus shapes with scalars and empties. */
  static final Object[][] CASES = {
      {new int[] {2, 3, 4}, null, false}, {new int[] {2, 3, 4}, new int[] {1}, false},
      {new int[] {2, 3, 4}, new int[] {-1}, true}, {new int[] {2, 3, 4}, new int[] {0, 2}, false},
      {new int[] {2, 3, 4}, new int[] {2, 0, 1}, true}, {new int[] {2, 3, 4}, new int[] {}, false},
      {new int[] {}, null, false}, {new int[] {5}, new int[] {0}, true},
      {new int[] {2, 0, 3}, new int[] {1}, false}, {new int[] {2, 0, 3}, new int[] {0}, true},
      {new int[] {0}, null, false}};

  static Stream<Arguments> reductions() {
    return Stream.of(
        Arguments.of("Max", (ReduceGradTest.Reducer) ReduceOps::max),
        Arguments.of("Min", (ReduceGradTest.Reducer) ReduceOps::min),
        Arguments.of("Prod", (ReduceGradTest.Reducer) ReduceOps::prod),
        Arguments.of("Sum", (ReduceGradTest.Reducer) ReduceOps::sum));
  }

  static Tensor tf(String op, Tensor x, int[] axes, boolean keep) {
    int[] all = axes != null ? axes : IntStream.range(0, x.rank()).toArray();
    return TfOracle.run(op, List.of(x, Tensor.of(all)), Map.of("keep_dims", keep), 1).get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reductions")
  void arithmeticReductionsMatchTensorFlow(String op, ReduceGradTest.Reducer f) {
    boolean exact = !op.equals("Prod") && !op.equals("Sum");
    int seed = 1;
    for (Object[] c : CASES) {
      int[] dims = (int[]) c[0];
      int[] axes = (int[]) c[1];
      boolean keep = (boolean) c[2];
      String what = op + " " + Shape.of(dims) + " axes " + java.util.Arrays.toString(axes);
      Tensor x = ElementwiseOracleTest.values(seed++, -2, 2, dims);
      Golden.assertClose(what, f.apply(x, axes, keep), tf(op, x, axes, keep), 0,
          exact ? 0 : 1e-6);
      Tensor d = x.cast(DType.FLOAT64);
      Golden.assertClose(what + " float64", f.apply(d, axes, keep), tf(op, d, axes, keep), 0,
          exact ? 0 : 1e-12);
      // integers: the empty reductions give the type's extremes; products wrap around
      Tensor i = MathOps.round(MathOps.mul(x, Tensor.scalar(op.equals("Prod") ? 40f : 3f)))
          .cast(DType.INT32);
      Golden.assertClose(what + " int32", f.apply(i, axes, keep), tf(op, i, axes, keep), 0, 0);
      Tensor l = i.cast(DType.INT64);
      assertThat(f.apply(l, axes, keep).toLongArray()).as(what + " int64")
          .containsExactly(tf(op, l, axes, keep).toLongArray());
    }
  }

  @Test
  void maxAndMinPropagateNaNAndHandleUint8() {
    float nan = Float.NaN;
    Tensor x = Tensor.of(new float[][] {{1, nan, 3}, {nan, 1, -1}, {0, 0, 0}});
    for (int[] axes : new int[][] {{0}, {1}, null}) {
      Golden.assertClose("Max NaN", ReduceOps.max(x, axes, false), tf("Max", x, axes, false), 0, 0);
      Golden.assertClose("Min NaN", ReduceOps.min(x, axes, false), tf("Min", x, axes, false), 0, 0);
    }
    Tensor u = Tensor.ofUint8(Shape.of(2, 2), (byte) 200, (byte) 3, (byte) 0, (byte) 255);
    for (String op : List.of("Max", "Min")) {
      Tensor got = op.equals("Max") ? ReduceOps.max(u, new int[] {1}, false)
          : ReduceOps.min(u, new int[] {1}, false);
      Golden.assertClose(op + " uint8", got, tf(op, u, new int[] {1}, false), 0, 0);
    }
    Tensor empty = Tensor.ofUint8(Shape.of(0));
    Golden.assertClose("Min empty uint8", ReduceOps.min(empty), tf("Min", empty, null, false), 0,
        0);
  }

  @Test
  void allAndAnyMatchTensorFlow() {
    int seed = 1;
    for (Object[] c : CASES) {
      int[] dims = (int[]) c[0];
      int[] axes = (int[]) c[1];
      boolean keep = (boolean) c[2];
      Tensor x = bools(seed++, dims);
      String what = Shape.of(dims) + " axes " + java.util.Arrays.toString(axes);
      Golden.assertClose("All " + what, ReduceOps.all(x, axes, keep), tf("All", x, axes, keep),
          0, 0);
      Golden.assertClose("Any " + what, ReduceOps.any(x, axes, keep), tf("Any", x, axes, keep),
          0, 0);
    }
  }

  static Tensor tfArg(String op, Tensor x, int axis, DType type) {
    return TfOracle.run(op, List.of(x, Tensor.scalar(axis)), Map.of("output_type", type), 1)
        .get(0);
  }

  @Test
  void argMaxAndArgMinMatchTensorFlow() {
    // rounded values, so rows hold ties that must resolve to the smallest index
    Tensor x = MathOps.round(ElementwiseOracleTest.values(3, -2, 2, 3, 4, 5));
    for (int axis : new int[] {0, 1, 2, -1, -3}) {
      for (DType type : List.of(DType.INT64, DType.INT32)) {
        String what = " axis " + axis + " " + type;
        Golden.assertClose("ArgMax" + what, ReduceOps.argMax(x, axis, type),
            tfArg("ArgMax", x, axis, type), 0, 0);
        Golden.assertClose("ArgMin" + what, ReduceOps.argMin(x, axis, type),
            tfArg("ArgMin", x, axis, type), 0, 0);
      }
      for (Tensor t : List.of(x.cast(DType.FLOAT64), x.cast(DType.INT32), x.cast(DType.INT64))) {
        Golden.assertClose("ArgMax " + t.dtype(), ReduceOps.argMax(t, axis),
            tfArg("ArgMax", t, axis, DType.INT64), 0, 0);
        Golden.assertClose("ArgMin " + t.dtype(), ReduceOps.argMin(t, axis),
            tfArg("ArgMin", t, axis, DType.INT64), 0, 0);
      }
    }
    Tensor b = bools(4, 3, 4);
    Golden.assertClose("ArgMax bool", ReduceOps.argMax(b, 1), tfArg("ArgMax", b, 1, DType.INT64),
        0, 0);
    Tensor emptyOut = Tensor.of(Shape.of(2, 0), new float[0]);
    Golden.assertClose("ArgMax [2,0]", ReduceOps.argMax(emptyOut, 0),
        tfArg("ArgMax", emptyOut, 0, DType.INT64), 0, 0);
  }

  @Test
  void argMaxSkipsNaNAsTensorFlowDoes() {
    float nan = Float.NaN;
    float[][] rows = {{nan, nan}, {1, nan, 0.5f}, {nan, 1, 0.5f}, {0.5f, 1, nan},
        {2, nan, 1, 3, nan, 0}, {Float.NEGATIVE_INFINITY, nan}, {-0f, 0f}, {0f, -0f}};
    for (float[] r : rows) {
      for (Tensor x : List.of(Tensor.of(r), Tensor.of(r).cast(DType.FLOAT64))) {
        String what = java.util.Arrays.toString(r) + " " + x.dtype();
        Golden.assertClose("ArgMax " + what, ReduceOps.argMax(x),
            tfArg("ArgMax", x, 0, DType.INT64), 0, 0);
        Golden.assertClose("ArgMin " + what, ReduceOps.argMin(x),
            tfArg("ArgMin", x, 0, DType.INT64), 0, 0);
      }
    }
  }

  @Test
  void l2LossMatchesTensorFlow() {
    for (int[] dims : new int[][] {{3, 4}, {}, {0, 2}, {1000}}) {
      Tensor x = ElementwiseOracleTest.values(dims.length, -3, 3, dims);
      Golden.assertClose("L2Loss " + x.shape(), ReduceOps.l2Loss(x),
          TfOracle.run("L2Loss", List.of(x), Map.of(), 1).get(0), 0, 1e-6);
      Tensor d = x.cast(DType.FLOAT64);
      Golden.assertClose("L2Loss float64 " + x.shape(), ReduceOps.l2Loss(d),
          TfOracle.run("L2Loss", List.of(d), Map.of(), 1).get(0), 0, 1e-12);
    }
  }

  @Test
  void logSumExpMatchesADoublePrecisionReference() {
    // TensorFlow composes reduce_logsumexp from Max, Sub, Exp, Sum, Log and Add: no single op to
    // ask, so the reference is the definition evaluated in double
    Tensor x = ElementwiseOracleTest.values(5, -50, 50, 3, 7);
    float[] v = x.toFloatArray();
    float[] got = ReduceOps.logSumExp(x, new int[] {1}, false).toFloatArray();
    for (int r = 0; r < 3; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 7; c++) {
        m = Math.max(m, v[r * 7 + c]);
      }
      double s = 0;
      for (int c = 0; c < 7; c++) {
        s += Math.exp(v[r * 7 + c] - m);
      }
      assertThat((double) got[r]).isCloseTo(m + Math.log(s), org.assertj.core.data.Offset
          .offset(1e-5 * Math.abs(m + Math.log(s)) + 1e-6));
    }
    assertThat(ReduceOps.logSumExp(x).shape()).isEqualTo(Shape.scalar());
    assertThat(ReduceOps.logSumExp(x, new int[] {0}, true).shape()).isEqualTo(Shape.of(1, 7));
    assertThat(ReduceOps.logSumExp(Tensor.of(new float[0])).floatValue())
        .isEqualTo(Float.NEGATIVE_INFINITY);
  }
}
