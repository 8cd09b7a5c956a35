package dev.rill.nn.optimizers;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.schedules.LearningRate;
import java.util.List;

/**
 * TF1's {@code AdamOptimizer} (kernel {@code ApplyAdam}), with its "epsilon hat" form:
 * <pre>
 * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * m   += (grad - m) * (1 - beta1)
 * v   += (grad^2 - v) * (1 - beta2)
 * var -= lr_t * m / (sqrt(v) + epsilon)
 * </pre>
 * Slots {@code <var>/Adam} (m) and {@code <var>/Adam_1} (v); the powers {@code beta1^t} and
 * {@code beta2^t} are the non-trainable float32 scalars {@code beta1_power} and
 * {@code beta2_power}, starting at beta1 and beta2 and multiplied by them after each step.
 *
 * <p>A row gradient does what TF1's {@code AdamOptimizer._apply_sparse} does, which is not lazy:
 * m and v of every row decay ({@code m = m * beta1}, {@code v = v * beta2}), the touched rows get
 * {@code (1 - beta1) * grad} and {@code (1 - beta2) * grad^2} added, and every row of the variable
 * moves by {@code lr_t * m / (sqrt(v) + epsilon)}: the same as a dense gradient with zero rows.
 *
 * {@snippet :
 * Optimizer adam = new AdamOptimizer(0.001);
 * }
 */
public final class AdamOptimizer extends Optimizer {
  public static final String NAME_DEFAULT = "Adam";
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double BETA1_DEFAULT = 0.9;
  public static final double BETA2_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-8;
  public static final String BETA1_POWER = "beta1_power";
  public static final String BETA2_POWER = "beta2_power";

  private final double beta1;
  private final double beta2;
  private final double epsilon;

  public AdamOptimizer() {
    this(LEARNING_RATE_DEFAULT);
  }

  public AdamOptimizer(double learningRate) {
    this(LearningRate.constant(learningRate), BETA1_DEFAULT, BETA2_DEFAULT, EPSILON_DEFAULT);
  }

  public AdamOptimizer(LearningRate learningRate, double beta1, double beta2, double epsilon) {
    super(NAME_DEFAULT, learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  protected String kernelName() {
    return "ApplyAdam";
  }

  @Override
  protected void prepare(Step step, List<Variable> vars) {
    power(step, BETA1_POWER, beta1);
    power(step, BETA2_POWER, beta2);
  }

  @Override
  protected void finish(Step step, List<Variable> vars) {
    Variable p1 = power(step, BETA1_POWER, beta1);
    Variable p2 = power(step, BETA2_POWER, beta2);
    p1.assign(Tensor.scalar(p1.value().floatValue() * (float) beta1));
    p2.assign(Tensor.scalar(p2.value().floatValue() * (float) beta2));
  }

  private static Variable power(Step step, String name, double beta) {
    return step.store().getOrCreate(name, Shape.scalar(), DType.FLOAT32,
        () -> Tensor.scalar((float) beta), false);
  }

  @Override
  protected void update(Step step, Variable var, Tensor grad, int[] rows) {
    Variable mVar = slot(step, var, 0, 0.0);
    Variable vVar = slot(step, var, 1, 0.0);
    double p1 = power(step, BETA1_POWER, beta1).value().floatValue();
    double p2 = power(step, BETA2_POWER, beta2).value().floatValue();
    if (rows != null) {
      sparse(step, var, mVar, vVar, grad, rows, p1, p2);
      return;
    }
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] w = floats(var);
        float[] m = floats(mVar);
        float[] v = floats(vVar);
        float[] g = grad.floatData();
        float alpha = (float) step.learningRate() * (float) Math.sqrt(1f - (float) p2)
            / (1f - (float) p1);
        float b1 = 1f - (float) beta1;
        float b2 = 1f - (float) beta2;
        float eps = (float) epsilon;
        forEach(var, null, (vo, go, n) -> {
          for (int i = vo; i < vo + n; i++) {
            float gi = g[i];
            m[i] += (gi - m[i]) * b1;
            v[i] += (gi * gi - v[i]) * b2;
            w[i] -= (m[i] * alpha) / ((float) Math.sqrt(v[i]) + eps);
          }
        });
        set(var, w);
        set(mVar, m);
        set(vVar, v);
      }
      default -> {
        double[] w = doubles(var);
        double[] m = doubles(mVar);
        double[] v = doubles(vVar);
        double[] g = grad.doubleData();
        double alpha = step.learningRate() * Math.sqrt(1 - p2) / (1 - p1);
        forEach(var, null, (vo, go, n) -> {
          for (int i = vo; i < vo + n; i++) {
            double gi = g[i];
            m[i] += (gi - m[i]) * (1 - beta1);
            v[i] += (gi * gi - v[i]) * (1 - beta2);
            w[i] -= (m[i] * alpha) / (Math.sqrt(v[i]) + epsilon);
          }
        });
        set(var, w);
        set(mVar, m);
        set(vVar, v);
      }
    }
  }

  /** TF1's {@code _apply_sparse_shared}: decay all of m and v, add the rows, move every row. */
  private void sparse(Step step, Variable var, Variable mVar, Variable vVar, Tensor grad,
      int[] rows, double p1, double p2) {
    int len = var.shape().size(1, var.shape().rank());
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] w = floats(var);
        float[] m = floats(mVar);
        float[] v = floats(vVar);
        float[] g = grad.floatData();
        float lr = (float) step.learningRate() * (float) Math.sqrt(1f - (float) p2)
            / (1f - (float) p1);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        for (int i = 0; i < m.length; i++) {
          m[i] *= b1;
          v[i] *= b2;
        }
        for (int r = 0; r < rows.length; r++) {
          for (int j = 0; j < len; j++) {
            float gi = g[r * len + j];
            m[rows[r] * len + j] += gi * (1f - b1);
            v[rows[r] * len + j] += (gi * gi) * (1f - b2);
          }
        }
        forEach(var, null, (vo, go, n) -> {
          for (int i = vo; i < vo + n; i++) {
            w[i] -= lr * m[i] / ((float) Math.sqrt(v[i]) + eps);
          }
        });
        set(var, w);
        set(mVar, m);
        set(vVar, v);
      }
      default -> {
        double[] w = doubles(var);
        double[] m = doubles(mVar);
        double[] v = doubles(vVar);
        double[] g = grad.doubleData();
        double lr = step.learningRate() * Math.sqrt(1 - p2) / (1 - p1);
        for (int i = 0; i < m.length; i++) {
          m[i] *= beta1;
          v[i] *= beta2;
        }
        for (int r = 0; r < rows.length; r++) {
          for (int j = 0; j < len; j++) {
            double gi = g[r * len + j];
            m[rows[r] * len + j] += gi * (1 - beta1);
            v[rows[r] * len + j] += (gi * gi) * (1 - beta2);
          }
        }
        forEach(var, null, (vo, go, n) -> {
          for (int i = vo; i < vo + n; i++) {
            w[i] -= lr * m[i] / (Math.sqrt(v[i]) + epsilon);
          }
        });
        set(var, w);
        set(mVar, m);
        set(vVar, v);
      }
    }
  }
}
