package dev.rill.nn.optimizers;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.schedules.LearningRate;

/**
 * TF1's {@code RMSPropOptimizer} (kernels {@code ApplyRMSProp}, {@code ApplyCenteredRMSProp}):
 * <pre>
 * ms  += (grad^2 - ms) * (1 - decay)
 * mg  += (grad - mg) * (1 - decay)                         (centered only)
 * mom  = mom * momentum + lr * grad / sqrt(ms [- mg^2] + epsilon)
 * var -= mom
 * </pre>
 * Slots, named as TensorFlow creates them: {@code <var>/RMSProp} (ms, starting at one), then
 * {@code <var>/RMSProp_1} (mg, if centered) and the momentum last ({@code <var>/RMSProp_1}, or
 * {@code _2} when centered). A row gradient updates the touched rows only
 * ({@code SparseApplyRMSProp}).
 *
 * {@snippet :
 * Optimizer opt = new RMSPropOptimizer(0.001);                     // decay 0.9, no momentum
 * Optimizer centered = new RMSPropOptimizer(LearningRate.constant(0.001), 0.9, 0.9, 1e-10, true);
 * }
 */
public final class RMSPropOptimizer extends Optimizer {
  public static final String NAME_DEFAULT = "RMSProp";
  public static final double DECAY_DEFAULT = 0.9;
  public static final double MOMENTUM_DEFAULT = 0.0;
  public static final double EPSILON_DEFAULT = 1e-10;

  private final double decay;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;

  public RMSPropOptimizer(double learningRate) {
    this(LearningRate.constant(learningRate), DECAY_DEFAULT, MOMENTUM_DEFAULT, EPSILON_DEFAULT,
        false);
  }

  public RMSPropOptimizer(LearningRate learningRate, double decay, double momentum,
      double epsilon, boolean centered) {
    super(NAME_DEFAULT, learningRate);
    this.decay = decay;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  protected String kernelName() {
    return centered ? "ApplyCenteredRMSProp" : "ApplyRMSProp";
  }

  @Override
  protected void update(Step step, Variable var, Tensor grad, int[] rows) {
    Variable msVar = slot(step, var, 0, 1.0);
    Variable mgVar = centered ? slot(step, var, 1, 0.0) : null;
    Variable momVar = slot(step, var, centered ? 2 : 1, 0.0);
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] w = floats(var);
        float[] ms = floats(msVar);
        float[] mg = centered ? floats(mgVar) : null;
        float[] mom = floats(momVar);
        float[] g = grad.floatData();
        float lr = (float) step.learningRate();
        float oneMinusRho = 1f - (float) decay;
        float mu = (float) momentum;
        float eps = (float) epsilon;
        forEach(var, rows, (vo, go, n) -> {
          for (int i = 0; i < n; i++) {
            int v = vo + i;
            float gi = g[go + i];
            ms[v] += (gi * gi - ms[v]) * oneMinusRho;
            float denom;
            if (mg != null) {
              mg[v] += (gi - mg[v]) * oneMinusRho;
              denom = (ms[v] - mg[v] * mg[v]) + eps;
            } else {
              denom = ms[v] + eps;
            }
            mom[v] = mom[v] * mu + (gi * lr) / (float) Math.sqrt(denom);
            w[v] -= mom[v];
          }
        });
        set(var, w);
        set(msVar, ms);
        if (mg != null) {
          set(mgVar, mg);
        }
        set(momVar, mom);
      }
      default -> {
        double[] w = doubles(var);
        double[] ms = doubles(msVar);
        double[] mg = centered ? doubles(mgVar) : null;
        double[] mom = doubles(momVar);
        double[] g = grad.doubleData();
        double lr = step.learningRate();
        double oneMinusRho = 1 - decay;
        forEach(var, rows, (vo, go, n) -> {
          for (int i = 0; i < n; i++) {
            int v = vo + i;
            double gi = g[go + i];
            ms[v] += (gi * gi - ms[v]) * oneMinusRho;
            double denom;
            if (mg != null) {
              mg[v] += (gi - mg[v]) * oneMinusRho;
              denom = (ms[v] - mg[v] * mg[v]) + epsilon;
            } else {
              denom = ms[v] + epsilon;
            }
            mom[v] = mom[v] * momentum + (gi * lr) / Math.sqrt(denom);
            w[v] -= mom[v];
          }
        });
        set(var, w);
        set(msVar, ms);
        if (mg != null) {
          set(mgVar, mg);
        }
        set(momVar, mom);
      }
    }
  }
}
