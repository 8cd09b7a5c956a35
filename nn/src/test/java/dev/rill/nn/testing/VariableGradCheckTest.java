package dev.rill.nn.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.testing.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariableGradCheckTest {
  @Test
  void acceptsTrueGradientsAndCatchesMissingOnes() {
    Variable v = new Variable("v", GradCheck.random(1, 3));
    VariableGradCheck.check(() -> ReduceOps.sum(v.value().square()), List.of(v));
    // stop_gradient hides the dependence from the tape: analytic 0, numeric 2v
    assertThatThrownBy(() -> VariableGradCheck.check(
        () -> ReduceOps.sum(ArrayOps.stopGradient(v.value()).square()), List.of(v)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("gradient of v");
  }
}
