package dev.rill.nn.optimizers;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.schedules.LearningRate;

/**
 * TF1's {@code AdagradOptimizer} (kernel {@code ApplyAdagrad}): {@code accum += grad^2}, then
 * {@code var -= lr * grad / sqrt(accum)}. Slot {@code <var>/Adagrad}, starting at
 * {@code initial_accumulator_value} (0.1). A row gradient updates the touched rows only
 * ({@code SparseApplyAdagrad}).
 *
 * {@snippet :
 * Optimizer opt = new AdagradOptimizer(0.1);
 * }
 */
public final class AdagradOptimizer extends Optimizer {
  public static final String NAME_DEFAULT = "Adagrad";
  public static final double INITIAL_ACCUMULATOR_VALUE_DEFAULT = 0.1;

  private final double initialAccumulatorValue;

  public AdagradOptimizer(double learningRate) {
    this(LearningRate.constant(learningRate), INITIAL_ACCUMULATOR_VALUE_DEFAULT);
  }

  public AdagradOptimizer(LearningRate learningRate, double initialAccumulatorValue) {
    super(NAME_DEFAULT, learningRate);
    if (!(initialAccumulatorValue > 0)) {
      throw new IllegalArgumentException("Adagrad: initial_accumulator_value must be positive, "
          + "got " + initialAccumulatorValue);
    }
    this.initialAccumulatorValue = initialAccumulatorValue;
  }

  @Override
  protected String kernelName() {
    return "ApplyAdagrad";
  }

  @Override
  protected void update(Step step, Variable var, Tensor grad, int[] rows) {
    Variable accum = slot(step, var, 0, initialAccumulatorValue);
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] w = floats(var);
        float[] a = floats(accum);
        float[] g = grad.floatData();
        float lr = (float) step.learningRate();
        forEach(var, rows, (vo, go, n) -> {
          for (int i = 0; i < n; i++) {
            int v = vo + i;
            float gi = g[go + i];
            a[v] += gi * gi;
            w[v] -= gi * lr * (1f / (float) Math.sqrt(a[v]));
          }
        });
        set(var, w);
        set(accum, a);
      }
      default -> {
        double[] w = doubles(var);
        double[] a = doubles(accum);
        double[] g = grad.doubleData();
        double lr = step.learningRate();
        forEach(var, rows, (vo, go, n) -> {
          for (int i = 0; i < n; i++) {
            int v = vo + i;
            double gi = g[go + i];
            a[v] += gi * gi;
            w[v] -= gi * lr * (1 / Math.sqrt(a[v]));
          }
        });
        set(var, w);
        set(accum, a);
      }
    }
  }
}
