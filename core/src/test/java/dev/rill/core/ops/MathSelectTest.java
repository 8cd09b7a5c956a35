package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SelectV2 ({@code where}) and Select: values against TensorFlow, gradients, errors. */
class MathSelectTest {
  static Tensor bools(long seed, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean[] b = new boolean[Shape.of(dims).size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextBoolean();
    }
    return Tensor.of(Shape.of(dims), b);
  }

  static Tensor floats(long seed, int... dims) {
    return random(seed, dims).cast(dev.rill.core.DType.FLOAT32);
  }

  /** Condition, x and y shapes that broadcast together in every way. */
  static final int[][][] SHAPES = {
      {{3, 4}, {3, 4}, {3, 4}}, {{}, {3, 4}, {3, 4}}, {{3, 1}, {1, 4}, {}}, {{4}, {2, 3, 4}, {3, 1}},
      {{2, 1, 1}, {1}, {1, 5}}, {{1}, {1}, {1}}, {{2, 0}, {1}, {2, 1}}, {{}, {}, {}}};

  @Test
  void whereMatchesTensorFlowWithBroadcasting() {
    int seed = 1;
    for (int[][] s : SHAPES) {
      Tensor c = bools(seed++, s[0]);
      Tensor x = floats(seed++, s[1]);
      Tensor y = floats(seed++, s[2]);
      Tensor expected = TfOracle.run("SelectV2", List.of(c, x, y), Map.of(), 1).get(0);
      Golden.assertClose("SelectV2 " + c.shape() + x.shape() + y.shape(), MathOps.where(c, x, y),
          expected, 0, 0);
    }
  }

  @Test
  void whereTakesEveryDType() {
    Tensor c = Tensor.of(true, false, true);
    Tensor ints = MathOps.where(c, Tensor.of(1, 2, 3), Tensor.scalar(-1));
    assertThat(ints.toIntArray()).containsExactly(1, -1, 3);
    Tensor longs = MathOps.where(c, Tensor.of(1L, 2L, 3L), Tensor.of(7L, 8L, 9L));
    assertThat(longs.toLongArray()).containsExactly(1L, 8L, 3L);
    Tensor bools = MathOps.where(c, Tensor.scalar(false), Tensor.scalar(true));
    assertThat(bools.toBooleanArray()).containsExactly(false, true, false);
    Tensor strings = MathOps.where(c, Tensor.of("a", "b", "c"), Tensor.scalar("-"));
    assertThat(strings.toStringArray()).containsExactly("a", "-", "c");
    Tensor doubles = MathOps.where(c, Tensor.of(1.0, 2.0, 3.0), Tensor.scalar(0.5));
    assertThat(doubles.toDoubleArray()).containsExactly(1.0, 0.5, 3.0);
    Tensor i32 = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
    Tensor expected = TfOracle.run("SelectV2", List.of(c, i32, Tensor.scalar(0)), Map.of(), 1)
        .get(0);
    Golden.assertClose("SelectV2 int32", MathOps.where(c, i32, Tensor.scalar(0)), expected, 0, 0);
  }

  @Test
  void selectMatchesTensorFlow() {
    Tensor x = floats(1, 3, 2);
    Tensor y = floats(2, 3, 2);
    for (Tensor c : List.of(Tensor.of(true, false, true), Tensor.scalar(false), bools(3, 3, 2))) {
      Tensor expected = TfOracle.run("Select", List.of(c, x, y), Map.of(), 1).get(0);
      Golden.assertClose("Select " + c.shape(), MathOps.select(c, x, y), expected, 0, 0);
    }
  }

  @Test
  void whereGradientsMatchFiniteDifferences() {
    int seed = 11;
    for (int[][] s : SHAPES) {
      Tensor c = bools(seed++, s[0]);
      check(in -> MathOps.where(c, in.get(0), in.get(1)), random(seed++, s[1]),
          random(seed++, s[2]));
    }
  }

  @Test
  void selectGradientsMatchFiniteDifferences() {
    check(in -> MathOps.select(Tensor.of(true, false, true), in.get(0), in.get(1)),
        random(1, 3, 2, 2), random(2, 3, 2, 2));
    check(in -> MathOps.select(Tensor.scalar(true), in.get(0), in.get(1)), random(3, 4),
        random(4, 4));
    check(in -> MathOps.select(bools(5, 2, 3), in.get(0), in.get(1)), random(6, 2, 3),
        random(7, 2, 3));
  }

  @Test
  void whereGradientIsHandDerived() {
    // y = where(c, x, 10 * x): dy/dx = 1 where c, else 10; the scalar y gets the sum of the rest
    Tensor x = Tensor.of(1f, 2f, 3f);
    Tensor s = Tensor.scalar(5f);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x, s);
      y = MathOps.where(Tensor.of(true, false, false), x, MathOps.mul(x, Tensor.scalar(10f)))
          .add(MathOps.where(Tensor.of(true, false, false), x, s)).sum();
    }
    List<Tensor> g = tape.gradient(y, List.of(x, s));
    assertThat(g.get(0).toFloatArray()).containsExactly(2f, 10f, 10f);
    assertThat(g.get(1).toFloatArray()).containsExactly(2f);
  }

  @Test
  void everyNewOpIsRegisteredByItsTensorFlowName() {
    for (String op : List.of("SelectV2", "Select", "LogicalAnd", "LogicalOr", "LogicalNot", "IsNan",
        "IsInf", "IsFinite", "Complex", "Real", "Imag", "ComplexAbs", "Conj", "Max", "Min", "Prod",
        "All", "Any", "ArgMax", "ArgMin", "L2Loss")) {
      assertThat(dev.rill.core.op.OpRegistry.get(op)).as(op).isNotNull();
      assertThat(dev.rill.core.op.OpRegistry.get(op).name()).isEqualTo(op);
    }
  }

  @Test
  void wrongUseNamesTheOpAndWhatWasReceived() {
    assertThatThrownBy(() -> MathOps.where(Tensor.of(true, false), Tensor.of(1f, 2f, 3f),
        Tensor.of(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SelectV2")
        .hasMessageContaining("[2]").hasMessageContaining("[3]");
    assertThatThrownBy(() -> MathOps.where(Tensor.of(1f, 0f), Tensor.of(1f, 2f), Tensor.of(1f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SelectV2: condition must be bool, got float32[2]");
    assertThatThrownBy(() -> MathOps.where(Tensor.of(true), Tensor.of(1f), Tensor.of(1.0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SelectV2: x and y must have the same dtype")
        .hasMessageContaining("float32[1]").hasMessageContaining("float64[1]");
    assertThatThrownBy(() -> MathOps.select(Tensor.of(true, false, true), Tensor.of(1f, 2f),
        Tensor.of(3f, 4f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Select: condition of shape [3]")
        .hasMessageContaining("[2]");
    assertThatThrownBy(() -> MathOps.select(Tensor.of(true), Tensor.of(1f, 2f), Tensor.of(3f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("Select: x and y must have the same shape, got [2] and [1]");
  }
}
