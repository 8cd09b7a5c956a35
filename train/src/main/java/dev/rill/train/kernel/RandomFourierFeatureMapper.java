package dev.rill.train.kernel;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.LinalgOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.RandomOps;
import dev.rill.core.ops.random.Rng;

/**
 * Random Fourier features (Rahimi and Recht) for the Gaussian (RBF) kernel, as
 * {@code tf.contrib.kernel_methods.RandomFourierFeatureMapper}: a fixed random map
 * {@code phi(x) = sqrt(2 / D) * cos(x . omega + b)} from {@code inputDim} to
 * {@code outputDim = D} features such that {@code phi(x) . phi(y)} approximates
 * {@code exp(-|x - y|^2 / (2 stddev^2))}, better as D grows. A linear model on
 * {@code phi(x)} then approximates a kernel machine.
 *
 * {@snippet :
 * RandomFourierFeatureMapper rff = new RandomFourierFeatureMapper(784, 2000, 5.0, 42);
 * Tensor features = rff.map(images);   // [batch, 784] -> [batch, 2000]
 * }
 *
 * <p>{@code omega} ({@code [inputDim, outputDim]}, normal with standard deviation
 * {@code 1 / stddev}) and {@code b} ({@code [outputDim]}, uniform in [0, 2π)) are drawn once from
 * {@code seed} and are constants, not variables: no gradient reaches them and no checkpoint holds
 * them; the same seed gives the same map. The map is differentiable in its input.
 */
public final class RandomFourierFeatureMapper {
  private final int inputDim;
  private final int outputDim;
  private final double stddev;
  private final long seed;
  private final Tensor omega;
  private final Tensor bias;

  /**
   * @param stddev the kernel's width {@code sigma}; the frequencies have standard deviation
   *     {@code 1 / sigma}
   */
  public RandomFourierFeatureMapper(int inputDim, int outputDim, double stddev, long seed) {
    if (inputDim < 1 || outputDim < 1) {
      throw new IllegalArgumentException("input and output dimensions must be positive, got "
          + inputDim + " and " + outputDim);
    }
    if (!(stddev > 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException("stddev must be positive and finite, got " + stddev);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.stddev = stddev;
    this.seed = seed;
    // one generator, two draws: omega and b come from different streams of the seed
    Rng rng = new Rng(seed);
    this.omega = RandomOps.normal(Shape.of(inputDim, outputDim), DType.FLOAT32, 0, 1 / stddev,
        rng);
    this.bias = RandomOps.uniform(Shape.of(outputDim), DType.FLOAT32, 0, 2 * Math.PI, rng);
  }

  /** {@code phi(x)} for float32 {@code x} of shape {@code [batch, inputDim]}. */
  public Tensor map(Tensor x) {
    if (x.rank() != 2 || x.shape().dim(1) != inputDim) {
      throw new InvalidArgumentException("RandomFourierFeatureMapper: input must have shape "
          + "[batch, " + inputDim + "], got " + x.shape());
    }
    Tensor in = x.dtype() == DType.FLOAT32 ? x : MathOps.cast(x, DType.FLOAT32);
    Tensor projected = NnOps.biasAdd(LinalgOps.matmul(in, omega), bias);
    return MathOps.mul(MathOps.cos(projected),
        Tensor.scalar((float) Math.sqrt(2.0 / outputDim)));
  }

  public int inputDim() {
    return inputDim;
  }

  public int outputDim() {
    return outputDim;
  }

  /** The Gaussian kernel's width. */
  public double stddev() {
    return stddev;
  }

  public long seed() {
    return seed;
  }

  /** The frequencies, float32 {@code [inputDim, outputDim]}. */
  public Tensor omega() {
    return omega;
  }

  /** The phase shifts, float32 {@code [outputDim]} in [0, 2π). */
  public Tensor bias() {
    return bias;
  }

  /** The kernel the features approximate: {@code exp(-|x - y|^2 / (2 stddev^2))}. */
  public double exactKernel(float[] x, float[] y) {
    double d2 = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - y[i];
      d2 += d * d;
    }
    return Math.exp(-d2 / (2 * stddev * stddev));
  }

  @Override
  public String toString() {
    return "RandomFourierFeatureMapper(" + inputDim + " -> " + outputDim + ", stddev=" + stddev
        + ", seed=" + seed + ")";
  }
}
