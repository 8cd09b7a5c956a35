package dev.rill.nn.optimizers;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.schedules.LearningRate;

/**
 * TF1's {@code MomentumOptimizer} (kernel {@code ApplyMomentum}): {@code accum = accum * momentum
 * + grad}, then {@code var -= lr * accum}, or with Nesterov {@code var -= lr * grad + lr *
 * momentum * accum}. Slot {@code <var>/Momentum}, starting at zero. A row gradient updates the
 * accumulator and variable in the touched rows only ({@code SparseApplyMomentum}).
 *
 * {@snippet :
 * Optimizer opt = new MomentumOptimizer(0.01, 0.9, false);
 * }
 */
public final class MomentumOptimizer extends Optimizer {
  public static final String NAME_DEFAULT = "Momentum";

  private final double momentum;
  private final boolean useNesterov;

  public MomentumOptimizer(double learningRate, double momentum) {
    this(LearningRate.constant(learningRate), momentum, false);
  }

  public MomentumOptimizer(double learningRate, double momentum, boolean useNesterov) {
    this(LearningRate.constant(learningRate), momentum, useNesterov);
  }

  public MomentumOptimizer(LearningRate learningRate, double momentum, boolean useNesterov) {
    super(NAME_DEFAULT, learningRate);
    this.momentum = momentum;
    this.useNesterov = useNesterov;
  }

  @Override
  protected String kernelName() {
    return "ApplyMomentum";
  }

  @Override
  protected void update(Step step, Variable var, Tensor grad, int[] rows) {
    Variable accum = slot(step, var, 0, 0.0);
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] w = floats(var);
        float[] a = floats(accum);
        float[] g = grad.floatData();
        float lr = (float) step.learningRate();
        float mu = (float) momentum;
        forEach(var, rows, (vo, go, n) -> {
          for (int i = 0; i < n; i++) {
            int v = vo + i;
            float gi = g[go + i];
            a[v] = a[v] * mu + gi;
            w[v] -= useNesterov ? gi * lr + a[v] * mu * lr : a[v] * lr;
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
            a[v] = a[v] * momentum + gi;
            w[v] -= useNesterov ? gi * lr + a[v] * momentum * lr : a[v] * lr;
          }
        });
        set(var, w);
        set(accum, a);
      }
    }
  }
}
