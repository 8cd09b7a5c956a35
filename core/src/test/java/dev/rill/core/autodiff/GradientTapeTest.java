package dev.rill.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientTapeTest {
  @Test
  void polynomialGradientIsHandDerived() {
    // y = x^2 + 5x + 4, so dy/dx = 2x + 5
    Tensor x = Tensor.of(3f, 1f, 4f);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = x.square().add(x.mul(5f)).add(4f).sum();
    }
    assertThat(tape.gradient(y, x).toFloatArray()).containsExactly(11f, 7f, 13f);
  }

  @Test
  void trainableVariablesAreWatchedAutomaticallyAndReadsAreSummed() {
    Variable w = new Variable("w", Tensor.of(2f));
    Variable frozen = new Variable("frozen", Tensor.of(3f), false);
    GradientTape tape = GradientTape.start();
    Tensor loss;
    try (tape) {
      // loss = w * w * frozen = 3 w^2 -> d/dw = 6w = 12
      loss = w.value().mul(w.value()).mul(frozen.value()).sum();
    }
    List<Tensor> g = tape.gradients(loss, List.of(w, frozen), null);
    assertThat(g.get(0).toFloatArray()).containsExactly(12f);
    assertThat(g.get(1)).isNull();
  }

  @Test
  void identityPassesTheGradientThroughOnce() {
    // Identity's output used to be its input object, so its gradient was added to itself
    Tensor x = Tensor.of(1f, 2f);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = ArrayOps.identity(x).mul(5f).sum();
    }
    assertThat(tape.gradient(y, x).toFloatArray()).containsExactly(5f, 5f);
  }

  @Test
  void stopGradientAndUnconnectedSourcesGiveNull() {
    Tensor x = Tensor.of(1f, 2f);
    Tensor z = Tensor.of(5f, 5f);
    GradientTape tape = GradientTape.persistent();
    Tensor y;
    try (tape) {
      tape.watch(x, z);
      y = ArrayOps.stopGradient(x.mul(2f)).add(x).sum();
    }
    assertThat(tape.gradient(y, x).toFloatArray()).containsExactly(1f, 1f);
    assertThat(tape.gradient(y, z)).isNull();
  }

  @Test
  void nonPersistentTapeGivesOneGradient() {
    Tensor x = Tensor.of(1f);
    GradientTape tape = GradientTape.start();
    Tensor y;
    try (tape) {
      tape.watch(x);
      y = x.exp();
    }
    tape.gradient(y, x);
    assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("persistent");
  }

  @Test
  void nestedTapesGiveSecondDerivatives() {
    // y = x^3: dy/dx = 3x^2 = 12, d2y/dx2 = 6x = 12 at x = 2
    Tensor x = Tensor.of(2.0);
    GradientTape outer = GradientTape.start();
    Tensor dydx;
    try (outer) {
      outer.watch(x);
      GradientTape inner = GradientTape.start();
      Tensor y;
      try (inner) {
        inner.watch(x);
        y = x.mul(x).mul(x);
      }
      dydx = inner.gradient(y, x);
    }
    assertThat(dydx.toDoubleArray()).containsExactly(12.0);
    assertThat(outer.gradient(dydx, x).toDoubleArray()).containsExactly(12.0);
  }

  @Test
  void integerInputsGetNoGradient() {
    Tensor x = Tensor.of(1f, 2f);
    Tensor i = Tensor.of(1, 2);
    GradientTape tape = GradientTape.persistent();
    Tensor y;
    try (tape) {
      tape.watch(x, i);
      y = x.mul(MathOps.cast(i, x.dtype())).sum();
    }
    assertThat(tape.gradient(y, x).toFloatArray()).containsExactly(1f, 2f);
    assertThat(tape.gradient(y, i)).isNull();
  }

  @Test
  void rulesSkipInputsThatNeedNoGradient() {
    // only the weights are watched, so the rule must not compute the gradient of the data
    Tensor data = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    Variable w = new Variable("w", Tensor.of(new float[][] {{1}, {1}}));
    java.util.List<String> ran = new java.util.ArrayList<>();
    dev.rill.core.op.Execution counting = new dev.rill.core.op.Execution() {
      @Override
      public <A> List<Tensor> execute(dev.rill.core.op.OpDef<A> op, A attrs, List<Tensor> in) {
        ran.add(op.name());
        return dev.rill.core.op.Eager.INSTANCE.execute(op, attrs, in);
      }
    };
    GradientTape tape = GradientTape.start();
    Tensor loss;
    try (tape) {
      loss = data.matmul(w.value()).sum();
    }
    Tensor g = dev.rill.core.op.Exec.with(counting, () -> tape.gradient(loss, w));
    assertThat(g.toFloatArray()).containsExactly(4f, 6f);
    assertThat(ran.stream().filter("MatMul"::equals)).hasSize(1);
  }
}
