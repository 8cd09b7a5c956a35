package dev.rill.core.ops.nn.conv;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.Doubles;
import dev.rill.core.kernel.conv.Geometry;
import dev.rill.core.kernel.conv.PoolKernel;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.Arrays;
import java.util.List;

/**
 * {@code MaxPool}, {@code AvgPool} and their gradient ops. {@code MaxPoolGrad} routes each output
 * gradient to its window's first maximum; {@code MaxPoolGradGrad} gathers from the same positions,
 * so each is the other's gradient. {@code AvgPoolGrad} is linear, and its gradient is
 * {@code AvgPool}.
 *
 * {@snippet :
 * Tensor y = Exec.run1(PoolDefs.MAX_POOL,
 *     PoolAttrs.of(new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1}, "VALID"), x);
 * }
 */
public final class PoolDefs {
  private PoolDefs() {}

  /** {@code AvgPoolGrad}'s attributes: the forward input's shape ({@code orig_input_shape}). */
  public record AvgGradAttrs(int[] origInputShape, PoolAttrs pool) {
    @Override
    public boolean equals(Object o) {
      return o instanceof AvgGradAttrs a && Arrays.equals(origInputShape, a.origInputShape)
          && pool.equals(a.pool);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(origInputShape) * 31 + pool.hashCode();
    }

    @Override
    public String toString() {
      return "AvgGradAttrs[orig_input_shape=" + Arrays.toString(origInputShape) + ", " + pool + "]";
    }
  }

  public static final OpDef<PoolAttrs> MAX_POOL = OpDef.of("MaxPool",
      (a, in) -> List.of(inferPool("MaxPool", a, in.get(0))),
      (a, in, out) -> {
        Tensor x = in.get(0);
        Geometry g = a.geometry("MaxPool", x.shape());
        Object y = Tensor.allocateToOverwrite(x.dtype(), g.outSize());
        if (x.dtype() == DType.FLOAT32) {
          PoolKernel.max(x.floatData(), g, (float[]) y);
        } else {
          PoolKernel.max(x.doubleData(), g, (double[]) y);
        }
        return List.of(Tensor.wrap(x.dtype(), out.get(0).shape(), y));
      },
      (n, dy) -> List.of(Exec.run1(PoolDefs.MAX_POOL_GRAD, n.attr(), n.input(0), n.output(0),
          dy.get(0))));

  /** Inputs {@code (orig_input, orig_output, grad)}; output shaped as {@code orig_input}. */
  public static final OpDef<PoolAttrs> MAX_POOL_GRAD = OpDef.of("MaxPoolGrad",
      (a, in) -> List.of(inferMaxGrad("MaxPoolGrad", a, in, false)),
      (a, in, out) -> {
        Tensor x = in.get(0);
        Geometry g = a.geometry("MaxPoolGrad", x.shape());
        // the float kernel writes every element; the double path scatters into zeros
        Object dx = x.dtype() == DType.FLOAT32 ? Tensor.allocateToOverwrite(x.dtype(), x.size())
            : Tensor.allocate(x.dtype(), x.size());
        if (x.dtype() == DType.FLOAT32) {
          PoolKernel.maxGrad(x.floatData(), in.get(2).floatData(), g, (float[]) dx);
        } else {
          PoolKernel.scatter(PoolKernel.argMax(x.doubleData(), g), in.get(2).doubleData(),
              (double[]) dx);
        }
        return List.of(Tensor.wrap(x.dtype(), x.shape(), dx));
      },
      (n, up) -> Arrays.asList(null, null, Exec.run1(PoolDefs.MAX_POOL_GRAD_GRAD, n.attr(),
          n.input(0), n.input(1), up.get(0))));

  /**
   * Inputs {@code (orig_input, orig_output, grad)} with {@code grad} shaped as the input; output
   * shaped as {@code orig_output}: each element takes {@code grad} at its window's maximum.
   */
  public static final OpDef<PoolAttrs> MAX_POOL_GRAD_GRAD = OpDef.of("MaxPoolGradGrad",
      (a, in) -> List.of(inferMaxGrad("MaxPoolGradGrad", a, in, true)),
      (a, in, out) -> {
        Tensor x = in.get(0);
        Geometry g = a.geometry("MaxPoolGradGrad", x.shape());
        int[] arg = x.dtype() == DType.FLOAT32 ? PoolKernel.argMax(x.floatData(), g)
            : PoolKernel.argMax(x.doubleData(), g);
        Object src = in.get(2).data();
        Object y = Tensor.allocate(x.dtype(), arg.length);
        for (int o = 0; o < arg.length; o++) {
          System.arraycopy(src, arg[o], y, o, 1);
        }
        return List.of(Tensor.wrap(x.dtype(), out.get(0).shape(), y));
      },
      (n, up) -> Arrays.asList(null, null, Exec.run1(PoolDefs.MAX_POOL_GRAD, n.attr(),
          n.input(0), n.input(1), up.get(0))));

  public static final OpDef<PoolAttrs> AVG_POOL = OpDef.of("AvgPool",
      (a, in) -> List.of(inferPool("AvgPool", a, in.get(0))),
      (a, in, out) -> {
        Tensor x = in.get(0);
        Geometry g = a.geometry("AvgPool", x.shape());
        double[] y = new double[g.outSize()];
        PoolKernel.avg(Doubles.of(x), g, y);
        return List.of(Doubles.wrap(x.dtype(), out.get(0).shape(), y));
      },
      (n, dy) -> List.of(Exec.run1(PoolDefs.AVG_POOL_GRAD,
          new AvgGradAttrs(n.input(0).shape().dims(), n.attr()), dy.get(0))));

  /** Input {@code grad}; output shaped {@code orig_input_shape}. */
  public static final OpDef<AvgGradAttrs> AVG_POOL_GRAD = OpDef.of("AvgPoolGrad",
      (a, in) -> {
        String op = "AvgPoolGrad";
        Elementwise.requireDType(op, in.get(0).dtype(), Elementwise.FLOATS);
        if (a.origInputShape().length != 4) {
          throw InvalidArgumentException.of(op, "orig_input_shape must have 4 values, got "
              + Arrays.toString(a.origInputShape()));
        }
        Shape input = Shape.of(a.origInputShape());
        Shape expected = ConvAttrs.outShape(a.pool().geometry(op, input));
        if (!ConvAttrs.compatible(in.get(0).shape(), expected)) {
          throw InvalidArgumentException.of(op, "grad shape " + in.get(0).shape()
              + " does not match the pooled shape " + expected + " of input " + input);
        }
        return List.of(new TensorSpec(in.get(0).dtype(), input));
      },
      (a, in, out) -> {
        Shape input = out.get(0).shape();
        Geometry g = a.pool().geometry("AvgPoolGrad", input);
        double[] dx = new double[input.size()];
        PoolKernel.avgGrad(Doubles.of(in.get(0)), g, dx);
        return List.of(Doubles.wrap(in.get(0).dtype(), input, dx));
      },
      (n, up) -> List.of(Exec.run1(PoolDefs.AVG_POOL, n.attr().pool(), up.get(0))));

  private static TensorSpec inferPool(String op, PoolAttrs a, TensorSpec x) {
    Elementwise.requireDType(op, x.dtype(), Elementwise.FLOATS);
    return new TensorSpec(x.dtype(), ConvAttrs.outShape(a.geometry(op, x.shape())));
  }

  /**
   * Checks {@code (orig_input, orig_output, grad)}: one float dtype, {@code orig_output} shaped as
   * pooling {@code orig_input} gives, {@code grad} shaped as the output (MaxPoolGrad) or as the
   * input (MaxPoolGradGrad). The result has the other of the two shapes.
   */
  private static TensorSpec inferMaxGrad(String op, PoolAttrs a, List<TensorSpec> in,
      boolean gradOfGrad) {
    TensorSpec x = in.get(0);
    Elementwise.requireDType(op, x.dtype(), Elementwise.FLOATS);
    for (int i = 1; i < 3; i++) {
      if (in.get(i).dtype() != x.dtype()) {
        throw InvalidArgumentException.of(op, "orig_input, orig_output and grad must have the "
            + "same dtype, got " + in.get(0) + ", " + in.get(1) + " and " + in.get(2));
      }
    }
    Shape pooled = ConvAttrs.outShape(a.geometry(op, x.shape()));
    if (!ConvAttrs.compatible(in.get(1).shape(), pooled)) {
      throw InvalidArgumentException.of(op, "orig_output shape " + in.get(1).shape()
          + " does not match the pooled shape " + pooled + " of orig_input " + x.shape());
    }
    Shape gradShape = gradOfGrad ? x.shape() : pooled;
    if (!ConvAttrs.compatible(in.get(2).shape(), gradShape)) {
      throw InvalidArgumentException.of(op, "grad shape " + in.get(2).shape() + " does not match "
          + (gradOfGrad ? "orig_input" : "orig_output") + " shape " + gradShape);
    }
    return new TensorSpec(x.dtype(), gradOfGrad ? pooled : x.shape());
  }
}
