package dev.rill.nn.init;

import dev.rill.core.Shape;

/**
 * The fan-in and fan-out of a weight shape, as TensorFlow computes them for variance scaling: a
 * matrix {@code [in, out]} has fans {@code in} and {@code out}; a convolution kernel
 * {@code [k..., in, out]} multiplies both by the receptive field {@code prod(k...)}; a vector has
 * its length for both, a scalar 1.
 *
 * {@snippet :
 * Fans f = Fans.of(Shape.of(5, 5, 1, 32));   // fanIn 25, fanOut 800
 * }
 *
 * @param fanIn inputs feeding each output unit
 * @param fanOut outputs each input unit feeds
 */
public record Fans(double fanIn, double fanOut) {
  /** The fans of a weight of this shape. */
  public static Fans of(Shape shape) {
    int rank = shape.rank();
    if (rank == 0) {
      return new Fans(1, 1);
    }
    if (rank == 1) {
      return new Fans(shape.dim(0), shape.dim(0));
    }
    double receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= shape.dim(i);
    }
    return new Fans(shape.dim(rank - 2) * receptive, shape.dim(rank - 1) * receptive);
  }

  /** The mean of the two fans ({@code fan_avg}). */
  public double fanAvg() {
    return (fanIn + fanOut) / 2;
  }
}
