package dev.rill.nn.testing;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.testing.GradCheck;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link GradCheck} for the float64 variables a layer reads: the tape's gradient of a scalar loss
 * with respect to each variable against central differences, perturbing the variable in place.
 *
 * {@snippet :
 * VariableGradCheck.check(() -> ReduceOps.sum(dense.apply(x)), dense.trainableVariables());
 * }
 */
public final class VariableGradCheck {
  private VariableGradCheck() {}

  public static void check(Supplier<Tensor> loss, List<Variable> variables) {
    List<Tensor> analytic;
    GradientTape tape = GradientTape.start();
    try (tape) {
      Tensor l = loss.get();
      analytic = tape.gradients(l, variables, null);
    }
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if (v.dtype() != DType.FLOAT64) {
        throw new IllegalArgumentException(v + " must be float64 for a gradient check");
      }
      Tensor saved = v.value();
      double[] base = saved.toDoubleArray();
      double[] got = analytic.get(i) == null ? new double[base.length]
          : analytic.get(i).toDoubleArray();
      for (int j = 0; j < base.length; j++) {
        double numeric = (at(loss, v, base, j, GradCheck.EPS)
            - at(loss, v, base, j, -GradCheck.EPS)) / (2 * GradCheck.EPS);
        double err = Math.abs(got[j] - numeric);
        double bound = GradCheck.RTOL * Math.max(Math.abs(got[j]), Math.abs(numeric))
            + GradCheck.ATOL;
        if (!(err <= bound)) {
          v.assign(saved);
          throw new AssertionError("gradient of " + v.name() + " at flat index " + j
              + ": analytic " + got[j] + ", numeric " + numeric + " (error " + err + ")");
        }
      }
      v.assign(saved);
    }
  }

  private static double at(Supplier<Tensor> loss, Variable v, double[] base, int j, double d) {
    double[] p = base.clone();
    p[j] += d;
    v.assign(Tensor.of(v.shape(), p));
    return loss.get().doubleValue();
  }
}
