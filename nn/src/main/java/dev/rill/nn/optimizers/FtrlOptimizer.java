package dev.rill.nn.optimizers;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.schedules.LearningRate;

/**
 * TF1's {@code FtrlOptimizer}, FTRL-Proximal with L1/L2 (kernels {@code ApplyFtrl} and, with L2
 * shrinkage, {@code ApplyFtrlV2}):
 * <pre>
 * g'      = grad + 2 * l2_shrinkage * var
 * n'      = n + grad^2
 * linear += g' - (n'^-p - n^-p) / lr * var                  (p = learning_rate_power)
 * var     = |linear| > l1 ? (l1 * sign(linear) - linear) / (n'^-p / lr + 2 * l2) : 0
 * n       = n'
 * </pre>
 * Slots {@code <var>/Ftrl} (the accumulator n, starting at {@code initial_accumulator_value},
 * 0.1) and {@code <var>/Ftrl_1} (linear, starting at zero). A row gradient updates the touched
 * rows only ({@code SparseApplyFtrl}). {@code beta} adds {@code beta / (2 * lr)} to l2, as TF's.
 *
 * {@snippet :
 * Optimizer ftrl = FtrlOptimizer.builder(0.1).l1(0.01).l2(0.001).build();
 * }
 */
public final class FtrlOptimizer extends Optimizer {
  public static final String NAME_DEFAULT = "Ftrl";
  public static final double LEARNING_RATE_POWER_DEFAULT = -0.5;
  public static final double INITIAL_ACCUMULATOR_VALUE_DEFAULT = 0.1;

  private final double learningRatePower;
  private final double initialAccumulatorValue;
  private final double l1;
  private final double l2;
  private final double l2Shrinkage;
  private final double beta;

  /** FTRL with TF's defaults and no regularisation. */
  public FtrlOptimizer(double learningRate) {
    this(builder(learningRate));
  }

  private FtrlOptimizer(Builder b) {
    super(NAME_DEFAULT, b.learningRate);
    if (b.learningRatePower > 0) {
      throw new IllegalArgumentException("Ftrl: learning_rate_power must be <= 0, got "
          + b.learningRatePower);
    }
    if (b.initialAccumulatorValue < 0 || b.l1 < 0 || b.l2 < 0 || b.l2Shrinkage < 0
        || b.beta < 0) {
      throw new IllegalArgumentException("Ftrl: initial_accumulator_value, l1, l2, "
          + "l2_shrinkage and beta must be >= 0, got " + b.initialAccumulatorValue + ", " + b.l1
          + ", " + b.l2 + ", " + b.l2Shrinkage + ", " + b.beta);
    }
    this.learningRatePower = b.learningRatePower;
    this.initialAccumulatorValue = b.initialAccumulatorValue;
    this.l1 = b.l1;
    this.l2 = b.l2;
    this.l2Shrinkage = b.l2Shrinkage;
    this.beta = b.beta;
  }

  public static Builder builder(double learningRate) {
    return new Builder(LearningRate.constant(learningRate));
  }

  public static Builder builder(LearningRate learningRate) {
    return new Builder(learningRate);
  }

  /** FTRL's settings, TF's defaults unless set. */
  public static final class Builder {
    private final LearningRate learningRate;
    private double learningRatePower = LEARNING_RATE_POWER_DEFAULT;
    private double initialAccumulatorValue = INITIAL_ACCUMULATOR_VALUE_DEFAULT;
    private double l1;
    private double l2;
    private double l2Shrinkage;
    private double beta;

    private Builder(LearningRate learningRate) {
      this.learningRate = learningRate;
    }

    public Builder learningRatePower(double v) {
      learningRatePower = v;
      return this;
    }

    public Builder initialAccumulatorValue(double v) {
      initialAccumulatorValue = v;
      return this;
    }

    /** {@code l1_regularization_strength}. */
    public Builder l1(double v) {
      l1 = v;
      return this;
    }

    /** {@code l2_regularization_strength}. */
    public Builder l2(double v) {
      l2 = v;
      return this;
    }

    /** {@code l2_shrinkage_regularization_strength}: an L2 penalty on the gradient side. */
    public Builder l2Shrinkage(double v) {
      l2Shrinkage = v;
      return this;
    }

    public Builder beta(double v) {
      beta = v;
      return this;
    }

    public FtrlOptimizer build() {
      return new FtrlOptimizer(this);
    }
  }

  @Override
  protected String kernelName() {
    return l2Shrinkage > 0 ? "ApplyFtrlV2" : "ApplyFtrl";
  }

  @Override
  protected void update(Step step, Variable var, Tensor grad, int[] rows) {
    Variable accumVar = slot(step, var, 0, initialAccumulatorValue);
    Variable linearVar = slot(step, var, 1, 0.0);
    double lrD = step.learningRate();
    double l2Adjusted = l2 + beta / (2 * Math.max(lrD, 1e-36));
    boolean shrink = l2Shrinkage > 0;
    switch (var.dtype()) {
      case FLOAT32 -> {
        float[] w = floats(var);
        float[] n = floats(accumVar);
        float[] z = floats(linearVar);
        float[] g = grad.floatData();
        float lr = (float) lrD;
        float l1f = (float) l1;
        float twoL2 = 2f * (float) l2Adjusted;
        float twoShrink = 2f * (float) l2Shrinkage;
        float p = (float) learningRatePower;
        boolean half = p == -0.5f;
        forEach(var, rows, (vo, go, len) -> {
          for (int i = 0; i < len; i++) {
            int v = vo + i;
            float gi = g[go + i];
            float wv = w[v];
            float gs = shrink ? gi + twoShrink * wv : gi;
            float a = n[v];
            float na = a + gi * gi;
            float powNew = half ? (float) Math.sqrt(na) : (float) Math.pow(na, -p);
            float powOld = half ? (float) Math.sqrt(a) : (float) Math.pow(a, -p);
            z[v] += gs - (powNew - powOld) / lr * wv;
            float lin = z[v];
            float x = l1f * Math.signum(lin) - lin;
            float y = powNew / lr + twoL2;
            w[v] = Math.abs(lin) > l1f ? x / y : 0f;
            n[v] = na;
          }
        });
        set(var, w);
        set(accumVar, n);
        set(linearVar, z);
      }
      default -> {
        double[] w = doubles(var);
        double[] n = doubles(accumVar);
        double[] z = doubles(linearVar);
        double[] g = grad.doubleData();
        double p = learningRatePower;
        boolean half = p == -0.5;
        forEach(var, rows, (vo, go, len) -> {
          for (int i = 0; i < len; i++) {
            int v = vo + i;
            double gi = g[go + i];
            double wv = w[v];
            double gs = shrink ? gi + 2 * l2Shrinkage * wv : gi;
            double a = n[v];
            double na = a + gi * gi;
            double powNew = half ? Math.sqrt(na) : Math.pow(na, -p);
            double powOld = half ? Math.sqrt(a) : Math.pow(a, -p);
            z[v] += gs - (powNew - powOld) / lrD * wv;
            double lin = z[v];
            double x = l1 * Math.signum(lin) - lin;
            double y = powNew / lrD + 2 * l2Adjusted;
            w[v] = Math.abs(lin) > l1 ? x / y : 0;
            n[v] = na;
          }
        });
        set(var, w);
        set(accumVar, n);
        set(linearVar, z);
      }
    }
  }
}
