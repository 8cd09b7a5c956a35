package dev.rill.core;

/** What an op knows about a tensor before computing it: its dtype and shape. */
public record TensorSpec(DType dtype, Shape shape) {
  public static TensorSpec of(DType dtype, int... dims) {
    return new TensorSpec(dtype, Shape.of(dims));
  }

  @Override
  public String toString() {
    return dtype + shape.toString();
  }
}
