package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.math.Grads;
import java.util.Collections;
import java.util.List;

/** Ops that change only how data is viewed or filled: reshape, broadcast, identity, fill. */
public final class ShapeDefs {
  private ShapeDefs() {}

  /** A target shape; -1 in a reshape is inferred. */
  public record ShapeAttrs(int[] dims) {}

  public static final OpDef<ShapeAttrs> RESHAPE = OpDef.of("Reshape",
      (a, in) -> {
        try {
          return List.of(new TensorSpec(in.get(0).dtype(), in.get(0).shape().reshape(a.dims())));
        } catch (InvalidArgumentException e) {
          throw new InvalidArgumentException(e.getMessage());
        }
      },
      (a, in, out) -> List.of(Tensor.wrap(in.get(0).dtype(), out.get(0).shape(), in.get(0).data())),
      (n, dy) -> List.of(ArrayOps.reshape(dy.get(0), n.input(0).shape().dims())));

  public static final OpDef<ShapeAttrs> BROADCAST_TO = OpDef.of("BroadcastTo",
      (a, in) -> {
        Shape target = Shape.of(a.dims());
        Shape from = in.get(0).shape();
        Shape b;
        try {
          b = Shape.broadcast(from, target);
        } catch (InvalidArgumentException e) {
          b = null;
        }
        if (b == null || !b.equals(target)) {
          throw InvalidArgumentException.of("BroadcastTo", "cannot broadcast shape " + from + " to "
              + target);
        }
        return List.of(new TensorSpec(in.get(0).dtype(), target));
      },
      (a, in, out) -> List.of(broadcast(in.get(0), out.get(0).shape())),
      (n, dy) -> List.of(Grads.unbroadcast(dy.get(0), n.input(0).shape())));

  /** Passes its input through; its gradient passes through too. */
  public static final OpDef<NoAttrs> IDENTITY = OpDef.of("Identity",
      (a, in) -> List.of(in.get(0)),
      (a, in, out) -> List.of(in.get(0)),
      (n, dy) -> Collections.singletonList(dy.get(0)));

  /** Passes its input through; no gradient flows back (not recorded at all). */
  public static final OpDef<NoAttrs> STOP_GRADIENT = OpDef.of("StopGradient",
      (a, in) -> List.of(in.get(0)),
      (a, in, out) -> List.of(Tensor.wrap(in.get(0).dtype(), in.get(0).shape(), in.get(0).data())),
      null);

  /** {@code Fill(dims, value)}: a tensor of shape {@code dims} filled with the scalar input. */
  public static final OpDef<ShapeAttrs> FILL = OpDef.of("Fill",
      (a, in) -> {
        if (!in.get(0).shape().isScalar()) {
          throw InvalidArgumentException.of("Fill", "value must be a scalar, got shape "
              + in.get(0).shape());
        }
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(a.dims())));
      },
      (a, in, out) -> List.of(broadcast(in.get(0), out.get(0).shape())),
      (n, dy) -> List.of(dev.rill.core.ops.ReduceOps.sum(dy.get(0))));

  /** Repeats {@code x} along broadcast dimensions into a new contiguous tensor. */
  static Tensor broadcast(Tensor x, Shape target) {
    if (x.shape().equals(target)) {
      return x;
    }
    return Strided.gather(x, 0, Broadcast.stridesFor(x.shape(), target), target);
  }
}
