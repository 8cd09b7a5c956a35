package dev.rill.core.ops;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.array.ShapeDefs;

/**
 * Creating tensors and changing their shape, named as {@code tf.*} array ops.
 *
 * {@snippet :
 * Tensor x = ArrayOps.zeros(Shape.of(2, 3), DType.FLOAT32);
 * Tensor y = ArrayOps.reshape(x, -1);          // shape [6]
 * }
 */
public final class ArrayOps {
  private ArrayOps() {}

  /** The same data in a new shape; one dimension may be -1 and is inferred. */
  public static Tensor reshape(Tensor x, int... dims) {
    return Exec.run1(ShapeDefs.RESHAPE, new ShapeDefs.ShapeAttrs(dims.clone()), x);
  }

  /** Repeats {@code x} along broadcast dimensions to {@code shape}. */
  public static Tensor broadcastTo(Tensor x, Shape shape) {
    return Exec.run1(ShapeDefs.BROADCAST_TO, new ShapeDefs.ShapeAttrs(shape.dims()), x);
  }

  public static Tensor identity(Tensor x) {
    return Exec.run1(ShapeDefs.IDENTITY, NoAttrs.INSTANCE, x);
  }

  /** {@code x}, but gradients do not flow back through it. */
  public static Tensor stopGradient(Tensor x) {
    return Exec.run1(ShapeDefs.STOP_GRADIENT, NoAttrs.INSTANCE, x);
  }

  /** A tensor of {@code shape} whose every element is the scalar {@code value}. */
  public static Tensor fill(Shape shape, Tensor value) {
    return Exec.run1(ShapeDefs.FILL, new ShapeDefs.ShapeAttrs(shape.dims()), value);
  }

  public static Tensor zeros(Shape shape, DType dtype) {
    return fill(shape, Tensor.scalarOf(dtype, 0));
  }

  public static Tensor ones(Shape shape, DType dtype) {
    return fill(shape, Tensor.scalarOf(dtype, 1));
  }

  public static Tensor zerosLike(Tensor x) {
    return zeros(x.shape(), x.dtype());
  }

  public static Tensor onesLike(Tensor x) {
    return ones(x.shape(), x.dtype());
  }
}
