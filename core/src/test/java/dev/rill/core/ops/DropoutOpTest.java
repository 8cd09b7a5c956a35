package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.nn.DropoutDefs;
import dev.rill.core.ops.random.RandomDefs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-op dropout against the composition it replaced (RandomUniform, GreaterEqual, Cast, two
 * Muls): the same bits forward and backward for the same seed and counter, and finite differences.
 */
class DropoutOpTest {
  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int n : ElementwiseFastPathTest.SIZES) {
        args.add(Arguments.of(dt, Shape.of(n), null, 0.4));
      }
      args.add(Arguments.of(dt, Shape.of(100, 1024), null, 0.4));
      args.add(Arguments.of(dt, Shape.of(37, 5), Shape.of(37, 1), 0.5));
      args.add(Arguments.of(dt, Shape.of(37, 5), Shape.of(5), 0.25));
      args.add(Arguments.of(dt, Shape.of(3, 17, 4), Shape.of(3, 1, 4), 0.9));
      args.add(Arguments.of(dt, Shape.of(1000), null, 1e-9));
    }
    return args.stream();
  }

  /** What Dropout.apply used to run. */
  private static Tensor composed(Tensor x, double rate, Shape noise, long seed, long counter) {
    Tensor uniform = Exec.run1(RandomDefs.RANDOM_UNIFORM,
        new RandomDefs.Attrs(noise.dims(), x.dtype(), seed, counter));
    Tensor keep = MathOps.cast(MathOps.greaterEqual(uniform, uniform.like(rate)), x.dtype());
    return MathOps.mul(MathOps.mul(x, x.like(1 / (1 - rate))), keep);
  }

  private static Tensor fused(Tensor x, double rate, Shape noise, long seed, long counter) {
    return NnOps.dropout(x, rate, noise, new dev.rill.core.ops.random.Rng(seed, counter));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sameBitsAsTheComposedOpsForwardAndBackward(DType dt, Shape shape, Shape noiseShape,
      double rate) {
    Tensor x = MathOps.cast(ElementwiseFastPathTest.floats(shape, shape.size() + 11L), dt);
    Shape noise = noiseShape == null ? shape : noiseShape;
    Tensor dy = MathOps.cast(ElementwiseFastPathTest.floats(shape, shape.size() + 12L), dt);
    Tensor[] y = new Tensor[2];
    Tensor[] dx = new Tensor[2];
    for (int k = 0; k < 2; k++) {
      GradientTape tape = GradientTape.start();
      try (tape) {
        tape.watch(x);
        y[k] = k == 0 ? composed(x, rate, noise, 77, 5) : fused(x, rate, noiseShape, 77, 5);
      }
      dx[k] = tape.gradient(y[k], List.of(x), dy).get(0);
    }
    assertThat(bits(y[1])).containsExactly(bits(y[0]));
    assertThat(bits(dx[1])).containsExactly(bits(dx[0]));
  }

  private static long[] bits(Tensor t) {
    long[] b = new long[t.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = t.dtype() == DType.FLOAT32 ? Float.floatToRawIntBits(t.floatData()[i])
          : Double.doubleToRawLongBits(t.doubleData()[i]);
    }
    return b;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void finiteDifferencesAgree(DType dt, Shape shape, Shape noiseShape, double rate) {
    if (dt != DType.FLOAT64 || shape.size() > 2000) {
      return;
    }
    check(in -> fused(in.get(0), rate, noiseShape, 3, 9), random(shape.size(), shape.dims()));
    // second order: DropoutGrad is linear, its own gradient
    check(in -> {
      Tensor x = in.get(0);
      var attrs = new DropoutDefs.Attrs(rate, (noiseShape == null ? shape : noiseShape).dims(), 3,
          9);
      Tensor mask = Exec.run(DropoutDefs.DROPOUT, attrs, x).get(1);
      return Exec.run1(DropoutDefs.DROPOUT_GRAD, attrs, x, mask);
    }, random(shape.size() + 1, shape.dims()));
  }
}
