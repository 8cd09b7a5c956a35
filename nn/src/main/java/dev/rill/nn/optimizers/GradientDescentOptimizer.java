package dev.rill.nn.optimizers;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.kernel.BufferPool;
import dev.rill.nn.schedules.LearningRate;

/**
 * Plain SGD, TF1's {@code GradientDescentOptimizer}: {@code var -= lr * grad} (kernel
 * {@code ApplyGradientDescent}). No slots. A row gradient subtracts from the touched rows only
 * (TF's {@code scatter_sub}).
 *
 * {@snippet :
 * Optimizer sgd = new GradientDescentOptimizer(0.5);
 * sgd.minimize(loss);
 * }
 */
public final class GradientDescentOptimizer extends Optimizer {
  public static final String NAME_DEFAULT = "GradientDescent";

  public GradientDescentOptimizer(double learningRate) {
    this(LearningRate.constant(learningRate));
  }

  public GradientDescentOptimizer(LearningRate learningRate) {
    super(NAME_DEFAULT, learningRate);
  }

  @Override
  protected String kernelName() {
    return "ApplyGradientDescent";
  }

  @Override
  protected void update(Step step, Variable var, Tensor grad, int[] rows) {
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] g = grad.floatData();
        float lr = (float) step.learningRate();
        float[] w;
        if (rows == null) {
          // every element is rewritten: no copy of the old value to update in place
          float[] old = var.value().floatData();
          w = BufferPool.toOverwrite(old.length);
          forEach(var, null, (vo, go, n) -> {
            for (int i = 0; i < n; i++) {
              w[vo + i] = old[vo + i] - g[go + i] * lr;
            }
          });
        } else {
          w = floats(var);
          forEach(var, rows, (vo, go, n) -> {
            for (int i = 0; i < n; i++) {
              w[vo + i] -= g[go + i] * lr;
            }
          });
        }
        set(var, w);
      }
      default -> {
        double[] w = doubles(var);
        double[] g = grad.doubleData();
        double lr = step.learningRate();
        forEach(var, rows, (vo, go, n) -> {
          for (int i = 0; i < n; i++) {
            w[vo + i] -= g[go + i] * lr;
          }
        });
        set(var, w);
      }
    }
  }
}
