package dev.rill.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.ops.ArrayOps;
import java.util.List;
import org.assertj.core.data.Offset;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backward pass gives its spent intermediate gradients to the {@link BufferPool}; these tests
 * check that no value anyone can still see is ever handed out again: the gradients returned, the
 * forward values, views and pass-through gradients that share a buffer, and an outer tape's
 * record of the pass.
 */
class GradientTapeRecyclingTest {
  // large enough to be pooled
  private static final int ROWS = 200;
  private static final int COLS = 100;

  @BeforeEach
  void empty() {
    BufferPool.clear();
  }

  private static Tensor random(long seed) {
    Random r = new Random(seed);
    float[] v = new float[ROWS * COLS];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Tensor.of(Shape.of(ROWS, COLS), v);
  }

  /** y = sum(reshape(x*x + x*x) * 3) + sum(identity(x) * 5), so dy/dx = 12x + 5. */
  private static Tensor model(Tensor x, Tensor[] square) {
    Tensor a = x.mul(x);
    square[0] = a;
    Tensor b = a.add(a); // both inputs get the same upstream gradient
    Tensor c = b.reshape(COLS, ROWS).mul(3f); // the reshape's gradient is a view
    return c.sum().add(ArrayOps.identity(x).mul(5f).sum());
  }

  private static void assertGradient(Tensor x, Tensor g) {
    float[] xv = x.toFloatArray();
    float[] gv = g.toFloatArray();
    for (int i = 0; i < xv.length; i++) {
      // sums of the same terms in another order: within a few ulps, never 5 or more off
      assertThat(gv[i]).isCloseTo(12f * xv[i] + 5f, Offset.offset(1e-5f));
    }
  }

  /** dy/dx of the model through a tape of its own; {@code square} receives x * x. */
  private static Tensor pass(Tensor x, Tensor[] square) {
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = model(x, square);
    }
    return tape.gradient(y, x);
  }

  /** Passes over other inputs, taking buffers from the pool and giving theirs back. */
  private static void otherPasses(long firstSeed, int count) {
    for (int i = 0; i < count; i++) {
      Tensor other = random(firstSeed + i);
      pass(other, new Tensor[1]);
      other.mul(other).add(other); // ops after a pass take pooled buffers
    }
  }

  @Test
  void gradientsStayRightWhenPassesReuseEachOthersBuffers() {
    for (int step = 0; step < 4; step++) {
      Tensor x = random(step);
      assertGradient(x, pass(x, new Tensor[1]));
      assertThat(BufferPool.freeBytes()).as("spent gradients were given back").isPositive();
    }
  }

  @Test
  void returnedGradientsAndForwardValuesSurviveLaterPasses() {
    Tensor x = random(1);
    Tensor[] square = new Tensor[1];
    Tensor g = pass(x, square);
    float[] gBefore = g.toFloatArray();
    float[] squareBefore = square[0].toFloatArray();
    otherPasses(2, 4);
    assertThat(g.toFloatArray()).containsExactly(gBefore);
    assertThat(square[0].toFloatArray()).containsExactly(squareBefore);
    assertGradient(x, g);
  }

  @Test
  void anIntermediateAskedForIsKeptAndStaysIntact() {
    Tensor x = random(3);
    Tensor[] square = new Tensor[1];
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = model(x, square);
    }
    List<Tensor> g = tape.gradient(y, List.of(square[0], x));
    otherPasses(4, 3);
    assertThat(g.get(0).toFloatArray()).as("dy/d(x*x) = 6").containsOnly(6f);
    assertGradient(x, g.get(1));
  }

  @Test
  void aPassTakenWhileItsOwnTapeStillRecordsRecycles() {
    // the way a model function calls minimize: inside the tape's try block
    Tensor x = random(8);
    GradientTape tape = GradientTape.start();
    try (tape) {
      tape.watch(x);
      Tensor y = model(x, new Tensor[1]);
      assertGradient(x, tape.gradient(y, x));
    }
    assertThat(BufferPool.freeBytes()).isPositive();
  }

  @Test
  void variableGradientsComeBackRight() {
    Variable w = new Variable("w", random(7));
    for (int step = 0; step < 3; step++) {
      GradientTape tape = GradientTape.start();
      Tensor y;
      try (tape) {
        y = model(w.value(), new Tensor[1]);
      }
      assertGradient(w.value(), tape.gradients(y, List.of(w), null).get(0));
    }
  }

  @Test
  void anOuterTapeRecordingThePassStillGivesSecondDerivatives() {
    Tensor x = random(9);
    GradientTape outer = GradientTape.start();
    Tensor dy;
    try (outer) {
      outer.watch(x);
      GradientTape inner = GradientTape.start();
      Tensor y;
      try (inner) {
        inner.watch(x);
        y = x.mul(x).mul(x).sum(); // dy/dx = 3x^2, d(sum dy/dx)/dx = 6x
      }
      dy = inner.gradient(y, x);
      dy = dy.sum();
    }
    // more passes in between: nothing the outer tape recorded may be handed out
    otherPasses(10, 3);
    float[] xv = x.toFloatArray();
    float[] d2 = outer.gradient(dy, x).toFloatArray();
    for (int i = 0; i < xv.length; i++) {
      assertThat(d2[i]).isCloseTo(6f * xv[i], Offset.offset(1e-5f));
    }
  }
}
