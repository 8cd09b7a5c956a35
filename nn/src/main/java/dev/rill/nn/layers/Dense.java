package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.LinalgOps;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.nn.activations.Activation;

/**
 * A fully connected layer, {@code activation(inputs · kernel + bias)} ({@code tf.layers.dense},
 * default name {@code dense}). The kernel is {@code [in, units]}; inputs of rank above 2 are
 * multiplied along their last axis.
 *
 * {@snippet :
 * Tensor h = new Dense(1024, Activations.RELU).apply(flat);        // [batch, 1024]
 * Dense logits = Dense.builder(10).name("logits").build();
 * }
 */
public final class Dense extends KernelLayer {
  /** TensorFlow's default name. */
  public static final String NAME = "dense";

  private final int units;

  /** Options beyond the unit count; see {@link KernelLayerBuilder}. */
  public static final class Builder extends KernelLayerBuilder<Builder> {
    private final int units;

    private Builder(int units) {
      this.units = units;
    }

    public Dense build() {
      return new Dense(this);
    }
  }

  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** {@code units} outputs, linear, with a bias. */
  public Dense(int units) {
    this(builder(units));
  }

  public Dense(int units, Activation activation) {
    this(builder(units).activation(activation));
  }

  private Dense(Builder b) {
    super(NAME, b);
    if (b.units <= 0) {
      throw new InvalidArgumentException("Received an invalid value for `units`, expected a "
          + "positive integer. Received: units=" + b.units);
    }
    units = b.units;
  }

  public int units() {
    return units;
  }

  @Override
  protected void build(Shape inputShape) {
    int in = inputShape.rank() < 2 ? -1 : inputShape.dim(inputShape.rank() - 1);
    if (in < 0) {
      throw new InvalidArgumentException("The last dimension of the inputs to a Dense layer "
          + "should be defined and the inputs of rank >= 2. Found shape " + inputShape);
    }
    addKernelAndBias(Shape.of(in, units));
  }

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    int rank = inputs.rank();
    if (rank < 2) {
      throw new InvalidArgumentException("Input 0 of layer " + name() + " is incompatible with "
          + "the layer: expected min_ndim=2, found ndim=" + rank + ". Full shape received: "
          + inputs.shape());
    }
    int in = kernel().shape().dim(0);
    requireDim(inputs, -1, in);
    Tensor x = rank == 2 ? inputs
        : ArrayOps.reshape(inputs, inputs.shape().size(0, rank - 1), in);
    FusedOps fused = fusedOps(inputs.dtype());
    Tensor y = fused != null
        ? LinalgOps.fusedMatMul(x, kernel().value(), bias().value(), false, false, fused)
        : LinalgOps.matmul(x, kernel().value());
    if (rank > 2) {
      y = ArrayOps.reshape(y, inputs.shape().withDim(rank - 1, units).dims());
    }
    // bias and activation act on the last axis and elementwise: reshaping commutes with them
    return fused != null ? y : biasAndActivation(y);
  }
}
