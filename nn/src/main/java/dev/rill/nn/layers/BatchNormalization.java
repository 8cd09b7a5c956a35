package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.nn.BatchNormOutputs;
import dev.rill.core.ops.nn.Moments;
import dev.rill.nn.init.Initializer;
import dev.rill.nn.init.Initializers;
import dev.rill.nn.regularizers.Regularizer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Batch normalization ({@code tf.layers.batch_normalization}, default name
 * {@code batch_normalization}) over the feature axis (last by default): {@code gamma * (x - mean) /
 * sqrt(variance + epsilon) + beta}. Weights, in TF's order: {@code gamma} (if scale),
 * {@code beta} (if center), and the non-trainable {@code moving_mean} and {@code moving_variance}.
 *
 * <p>Training normalizes with the statistics of the batch and moves the moving ones toward them,
 * {@code moving = moving * momentum + batch * (1 - momentum)}, by assignment during the call;
 * inference normalizes with the moving statistics. As in Keras, 4-D and 5-D inputs normalized over
 * axis 1 or the last axis take the fused kernel, whose batch variance for the moving average has
 * Bessel's correction ({@code n / (n - 1)}) and whose epsilon is at least 1.001e-5; other inputs
 * use the biased variance of {@code tf.nn.moments}.
 *
 * {@snippet :
 * BatchNormalization bn = BatchNormalization.builder().momentum(0.9).build();
 * Tensor y = bn.apply(conv, true);    // batch statistics, moving averages updated
 * Tensor z = bn.apply(conv, false);   // moving statistics
 * }
 */
public final class BatchNormalization extends Layer {
  public static final String NAME = "batch_normalization";
  public static final int AXIS_DEFAULT = -1;
  public static final double MOMENTUM_DEFAULT = 0.99;
  public static final double EPSILON_DEFAULT = 1e-3;

  private final int axis;
  private final double momentum;
  private final double epsilon;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Initializer movingMeanInitializer;
  private final Initializer movingVarianceInitializer;
  private final Regularizer betaRegularizer;
  private final Regularizer gammaRegularizer;
  private final boolean center;
  private final boolean scale;
  private Variable gamma;
  private Variable beta;
  private Variable movingMean;
  private Variable movingVariance;

  /** The options of {@code tf.layers.batch_normalization}, with its defaults. */
  public static final class Builder {
    private String name;
    private int axis = AXIS_DEFAULT;
    private double momentum = MOMENTUM_DEFAULT;
    private double epsilon = EPSILON_DEFAULT;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The feature axis (normalized per entry of it); negative counts from the end. */
    public Builder axis(int axis) {
      this.axis = axis;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** Add the learned offset beta. */
    public Builder center(boolean center) {
      this.center = center;
      return this;
    }

    /** Multiply by the learned gamma. */
    public Builder scale(boolean scale) {
      this.scale = scale;
      return this;
    }

    public Builder betaInitializer(Initializer i) {
      this.betaInitializer = Objects.requireNonNull(i);
      return this;
    }

    public Builder gammaInitializer(Initializer i) {
      this.gammaInitializer = Objects.requireNonNull(i);
      return this;
    }

    public Builder movingMeanInitializer(Initializer i) {
      this.movingMeanInitializer = Objects.requireNonNull(i);
      return this;
    }

    public Builder movingVarianceInitializer(Initializer i) {
      this.movingVarianceInitializer = Objects.requireNonNull(i);
      return this;
    }

    public Builder betaRegularizer(Regularizer r) {
      this.betaRegularizer = r;
      return this;
    }

    public Builder gammaRegularizer(Regularizer r) {
      this.gammaRegularizer = r;
      return this;
    }

    public BatchNormalization build() {
      return new BatchNormalization(this);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Over the last axis with TF's defaults (momentum 0.99, epsilon 1e-3, center and scale). */
  public BatchNormalization() {
    this(builder());
  }

  private BatchNormalization(Builder b) {
    super(NAME, b.name);
    if (!(b.epsilon > 0)) {
      throw new InvalidArgumentException("batch_normalization: epsilon must be positive, got "
          + "epsilon=" + b.epsilon);
    }
    if (!(b.momentum >= 0 && b.momentum <= 1)) {
      throw new InvalidArgumentException("batch_normalization: momentum must be in [0, 1], got "
          + "momentum=" + b.momentum);
    }
    axis = b.axis;
    momentum = b.momentum;
    epsilon = b.epsilon;
    center = b.center;
    scale = b.scale;
    betaInitializer = b.betaInitializer;
    gammaInitializer = b.gammaInitializer;
    movingMeanInitializer = b.movingMeanInitializer;
    movingVarianceInitializer = b.movingVarianceInitializer;
    betaRegularizer = b.betaRegularizer;
    gammaRegularizer = b.gammaRegularizer;
  }

  @Override
  protected void build(Shape in) {
    int ax = featureAxis(in);
    int c = in.dim(ax);
    if (c < 0) {
      throw new InvalidArgumentException("Axis " + axis + " of input tensor should have a defined "
          + "dimension but the layer received an input with shape " + in);
    }
    Shape p = Shape.of(c);
    if (scale) {
      gamma = addWeight("gamma", p, gammaInitializer, true, gammaRegularizer);
    }
    if (center) {
      beta = addWeight("beta", p, betaInitializer, true, betaRegularizer);
    }
    movingMean = addWeight("moving_mean", p, movingMeanInitializer, false);
    movingVariance = addWeight("moving_variance", p, movingVarianceInitializer, false);
  }

  private int featureAxis(Shape in) {
    if (axis < -in.rank() || axis >= in.rank()) {
      throw new InvalidArgumentException("Invalid axis: " + axis + " for input of shape " + in);
    }
    return axis < 0 ? axis + in.rank() : axis;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int rank = x.rank();
    int ax = featureAxis(x.shape());
    requireDim(x, ax, movingMean.shape().dim(0));
    if ((rank == 4 || rank == 5) && (ax == 1 || ax == rank - 1)) {
      return fused(x, ax, training);
    }
    Tensor mean;
    Tensor variance;
    if (training) {
      int[] reduce = new int[rank - 1];
      for (int i = 0, k = 0; i < rank; i++) {
        if (i != ax) {
          reduce[k++] = i;
        }
      }
      Moments m = NnOps.moments(x, reduce, false);
      mean = m.mean();
      variance = m.variance();
      moveToward(movingMean, mean);
      moveToward(movingVariance, variance);
    } else {
      mean = movingMean.value();
      variance = movingVariance.value();
    }
    Tensor g = gamma == null ? null : gamma.value();
    Tensor b = beta == null ? null : beta.value();
    if (ax != rank - 1) {
      int[] dims = new int[rank];
      Arrays.fill(dims, 1);
      dims[ax] = movingMean.shape().dim(0);
      mean = ArrayOps.reshape(mean, dims);
      variance = ArrayOps.reshape(variance, dims);
      g = g == null ? null : ArrayOps.reshape(g, dims);
      b = b == null ? null : ArrayOps.reshape(b, dims);
    }
    return NnOps.batchNormalization(x, mean, variance, b, g, epsilon);
  }

  /** The fused kernel on channels-last 4-D data: moves axis 1 last, merges depth into height. */
  private Tensor fused(Tensor x, int ax, boolean training) {
    int rank = x.rank();
    int[] toLast = rank == 4 ? new int[] {0, 2, 3, 1} : new int[] {0, 2, 3, 4, 1};
    int[] fromLast = rank == 4 ? new int[] {0, 3, 1, 2} : new int[] {0, 4, 1, 2, 3};
    Tensor xt = ax == rank - 1 ? x : ArrayOps.transpose(x, toLast);
    Shape st = xt.shape();
    Tensor x4 = rank == 4 ? xt
        : ArrayOps.reshape(xt, st.dim(0), st.dim(1) * st.dim(2), st.dim(3), st.dim(4));
    Tensor y = fused4d(x4, training);
    y = rank == 4 ? y : ArrayOps.reshape(y, st.dims());
    return ax == rank - 1 ? y : ArrayOps.transpose(y, fromLast);
  }

  private Tensor fused4d(Tensor x, boolean training) {
    Shape p = movingMean.shape();
    Tensor g = gamma != null ? gamma.value() : ArrayOps.ones(p, dtype());
    Tensor b = beta != null ? beta.value() : ArrayOps.zeros(p, dtype());
    if (!training) {
      return NnOps.fusedBatchNorm(x, g, b, movingMean.value(), movingVariance.value(), epsilon,
          false).y();
    }
    // the op blends the moving statistics itself: (1 - f) * moving + f * batch, f = 1 - momentum
    BatchNormOutputs out = NnOps.fusedBatchNorm(x, g, b, movingMean.value(),
        movingVariance.value(), epsilon, true, 1 - momentum);
    movingMean.assign(ArrayOps.stopGradient(out.batchMean()));
    movingVariance.assign(ArrayOps.stopGradient(out.batchVariance()));
    return out.y();
  }

  /** {@code moving -= (moving - batch) * (1 - momentum)}, as Keras' assign_moving_average. */
  private void moveToward(Variable moving, Tensor batch) {
    Tensor m = moving.value();
    Tensor delta = MathOps.mul(MathOps.sub(m, ArrayOps.stopGradient(batch)), m.like(1 - momentum));
    moving.assign(MathOps.sub(m, delta));
  }

  public Variable movingMean() {
    return movingMean;
  }

  public Variable movingVariance() {
    return movingVariance;
  }
}
