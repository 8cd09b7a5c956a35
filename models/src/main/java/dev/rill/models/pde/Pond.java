package dev.rill.models.pde;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.random.Rng;

/**
 * TensorFlow's partial-differential-equation tutorial: raindrops fall on a square pond and the
 * waves spread by the damped wave equation, with the Laplacian as a 3x3 depthwise convolution.
 *
 * {@snippet :
 * Pond pond = new Pond(Pond.Config.TUTORIAL);
 * pond.run();
 * Tensor png = Pond.render(pond.height(), -0.1f, 0.1f);   // uint8 [500, 500, 1]
 * }
 */
public final class Pond {
  /** The tutorial's discrete Laplacian: neighbours 1, diagonals 0.5, centre -6. */
  static final float[] LAPLACE_KERNEL = {0.5f, 1f, 0.5f, 1f, -6f, 1f, 0.5f, 1f, 0.5f};

  /**
   * @param size pond side in cells
   * @param drops raindrops placed at random cells with random heights in [0, 1)
   * @param seed seed of the drops
   * @param eps time step
   * @param damping wave damping
   * @param steps simulation steps
   */
  public record Config(int size, int drops, long seed, float eps, float damping, int steps) {
    /** The tutorial's: 500x500, 40 drops, eps 0.03, damping 0.04, 1000 steps. */
    public static final Config TUTORIAL = new Config(500, 40, 42, 0.03f, 0.04f, 1000);

    public Config {
      if (size < 3 || drops < 0 || steps < 0 || !(eps > 0) || damping < 0) {
        throw new IllegalArgumentException("Pond: expected size >= 3, drops >= 0, steps >= 0, "
            + "eps > 0 and damping >= 0, got " + this);
      }
    }
  }

  private final Config config;
  private final Variable u;
  private final Variable ut;
  private final Tensor kernel = Tensor.of(Shape.of(3, 3, 1, 1), LAPLACE_KERNEL);
  private final Tensor eps;
  private final Tensor damping;

  /** A pond with the configured random drops. */
  public Pond(Config config) {
    this(config, initialDrops(config));
  }

  /** A pond whose water starts at {@code initialHeight} (float32 [size, size]) and at rest. */
  public Pond(Config config, Tensor initialHeight) {
    if (initialHeight.dtype() != DType.FLOAT32
        || !initialHeight.shape().equals(Shape.of(config.size(), config.size()))) {
      throw new IllegalArgumentException("Pond: initial height must be float32 [" + config.size()
          + ", " + config.size() + "], got " + initialHeight.dtype() + initialHeight.shape());
    }
    this.config = config;
    this.u = new Variable("U", initialHeight, false);
    this.ut = new Variable("Ut", ArrayOps.zeros(Shape.of(config.size(), config.size()),
        DType.FLOAT32), false);
    this.eps = Tensor.scalar(config.eps());
    this.damping = Tensor.scalar(config.damping());
  }

  /** Zeros with {@code drops} cells set to a uniform random height in [0, 1). */
  static Tensor initialDrops(Config c) {
    Rng rng = new Rng(c.seed());
    int n = c.size();
    int[] cells = rng.uniform(Shape.of(c.drops(), 2), DType.INT32, 0, n).intData();
    float[] heights = rng.uniform(Shape.of(c.drops()), DType.FLOAT32).floatData();
    float[] u = new float[n * n];
    for (int i = 0; i < c.drops(); i++) {
      u[cells[2 * i] * n + cells[2 * i + 1]] = heights[i];
    }
    return Tensor.of(Shape.of(n, n), u);
  }

  /** The Laplacian of a [n, n] field, by depthwise convolution with SAME padding. */
  Tensor laplace(Tensor x) {
    int n = x.shape().dim(0);
    Tensor x4 = ArrayOps.reshape(x, 1, n, n, 1);
    Tensor y = NnOps.depthwiseConv2d(x4, kernel, new int[] {1, 1, 1, 1}, "SAME");
    return ArrayOps.reshape(y, n, n);
  }

  /** One step; both updates read the values from before the step, as the tutorial's group. */
  public void step() {
    Tensor uNow = u.value();
    Tensor utNow = ut.value();
    Tensor uNext = uNow.add(eps.mul(utNow));
    Tensor utNext = utNow.add(eps.mul(laplace(uNow).sub(damping.mul(utNow))));
    u.assign(uNext);
    ut.assign(utNext);
  }

  /** Runs the configured number of steps. */
  public void run() {
    for (int i = 0; i < config.steps(); i++) {
      step();
    }
  }

  /** The water height U, float32 [size, size]. */
  public Tensor height() {
    return u.value();
  }

  /** The velocity U_t. */
  public Tensor velocity() {
    return ut.value();
  }

  /** Maps [lo, hi] linearly to gray levels 0..255, clipping outside: uint8 [n, n, 1]. */
  public static Tensor render(Tensor field, float lo, float hi) {
    Tensor scaled = field.sub(lo).mul(255f / (hi - lo));
    Tensor clipped = MathOps.minimum(MathOps.maximum(scaled, Tensor.scalar(0f)), Tensor.scalar(255f));
    return ArrayOps.expandDims(MathOps.cast(clipped, DType.UINT8), -1);
  }
}
