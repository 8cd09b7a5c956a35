package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;

/**
 * Reshapes {@code [batch, d1, d2, ...]} to {@code [batch, d1 * d2 * ...]}
 * ({@code tf.layers.flatten}, default name {@code flatten}); a vector {@code [batch]} becomes
 * {@code [batch, 1]}.
 *
 * {@snippet :
 * Tensor flat = new Flatten().apply(pool2);   // [batch, 7, 7, 64] -> [batch, 3136]
 * }
 */
public final class Flatten extends Layer {
  public static final String NAME = "flatten";

  public Flatten() {
    this(null);
  }

  public Flatten(String name) {
    super(NAME, name);
  }

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    int rank = inputs.rank();
    if (rank < 1) {
      throw new InvalidArgumentException("Input 0 of layer " + name() + " is incompatible with "
          + "the layer: expected min_ndim=1, found ndim=0. Full shape received: "
          + inputs.shape());
    }
    return ArrayOps.reshape(inputs, inputs.shape().dim(0), inputs.shape().size(1, rank));
  }
}
