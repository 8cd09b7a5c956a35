package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.NnOps;
import dev.rill.nn.Scope;

/**
 * Zeroes a fraction {@code rate} of the inputs and scales the rest by {@code 1 / (1 - rate)}, only
 * while training ({@code tf.layers.dropout}, default name {@code dropout}); in inference the inputs
 * pass unchanged. The mask comes from the current scope's random numbers, so a seeded run repeats.
 *
 * {@snippet :
 * Tensor d = new Dropout(0.4).apply(dense);               // training as the scope says
 * Tensor e = new Dropout(0.4).apply(dense, false);        // the inputs themselves
 * }
 */
public final class Dropout extends Layer {
  public static final String NAME = "dropout";
  /** tf.layers' default rate. */
  public static final double RATE_DEFAULT = 0.5;

  private final double rate;
  private final Shape noiseShape;

  public Dropout(double rate) {
    this(rate, null, null);
  }

  /**
   * @param noiseShape the mask's shape, broadcast over the inputs (1 = shared along that axis);
   *     null for the inputs' shape
   * @param name a fixed name, or null
   */
  public Dropout(double rate, Shape noiseShape, String name) {
    super(NAME, name);
    if (!(rate >= 0 && rate < 1)) {
      throw new InvalidArgumentException("Invalid value received for argument `rate`. Expected a "
          + "float value between 0 and 1 (1 excluded). Received: rate=" + rate);
    }
    this.rate = rate;
    this.noiseShape = noiseShape;
  }

  public double rate() {
    return rate;
  }

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    if (!training || rate == 0) {
      return inputs;
    }
    return NnOps.dropout(inputs, rate, noiseShape, Scope.current().rng());
  }
}
