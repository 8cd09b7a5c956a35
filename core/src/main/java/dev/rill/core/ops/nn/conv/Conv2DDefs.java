package dev.rill.core.ops.nn.conv;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.ConvKernel;
import dev.rill.core.kernel.conv.Geometry;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Conv2D} (NHWC input, HWIO filter) and its backprops {@code Conv2DBackpropInput} and
 * {@code Conv2DBackpropFilter}. The three are each other's gradients, so gradients of any order
 * stay within these ops.
 *
 * {@snippet :
 * Tensor y = Exec.run1(Conv2DDefs.CONV2D, ConvAttrs.of(new int[] {1, 1, 1, 1}, "SAME"), x, w);
 * }
 */
public final class Conv2DDefs {
  private Conv2DDefs() {}

  public static final OpDef<ConvAttrs> CONV2D = OpDef.of("Conv2D",
      (a, in) -> {
        DType dt = ConvAttrs.requireFloatPair("Conv2D", "input", in.get(0), "filter", in.get(1));
        Geometry g = a.geometry("Conv2D", in.get(0).shape(), in.get(1).shape(), false);
        return List.of(new TensorSpec(dt, ConvAttrs.outShape(g)));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        Geometry g = a.geometry("Conv2D", x.shape(), in.get(1).shape(), false);
        Object y = Tensor.allocateToOverwrite(x.dtype(), g.outSize());
        ConvKernel.forward(x.data(), in.get(1).data(), g, y);
        return List.of(Tensor.wrap(x.dtype(), out.get(0).shape(), y));
      },
      (n, dy) -> {
        Tensor x = n.input(0);
        Tensor w = n.input(1);
        Tensor g = dy.get(0);
        // images fed to a first layer need no gradient: skip the costlier half then
        return Arrays.asList(n.needsGradient(0) ? backpropInput(x.shape(), w, g, n.attr()) : null,
            n.needsGradient(1) ? backpropFilter(x, w.shape(), g, n.attr()) : null);
      });

  /** Inputs {@code (filter, out_backprop)}; the gradient of Conv2D with respect to its input. */
  public static final OpDef<BackpropAttrs> CONV2D_BACKPROP_INPUT = OpDef.of("Conv2DBackpropInput",
      (a, in) -> {
        String op = "Conv2DBackpropInput";
        DType dt = ConvAttrs.requireFloatPair(op, "filter", in.get(0), "out_backprop", in.get(1));
        Shape input = a.shape(op, "input_sizes");
        Geometry g = a.conv().geometry(op, input, in.get(0).shape(), false);
        BackpropAttrs.requireOutBackprop(op, g, in.get(1), input, in.get(0).shape());
        return List.of(new TensorSpec(dt, input));
      },
      (a, in, out) -> {
        Shape input = out.get(0).shape();
        Geometry g = a.conv().geometry("Conv2DBackpropInput", input, in.get(0).shape(), false);
        DType dt = in.get(0).dtype();
        Object dx = Tensor.allocateToOverwrite(dt, input.size());
        ConvKernel.backpropInput(in.get(0).data(), in.get(1).data(), g, dx);
        return List.of(Tensor.wrap(dt, input, dx));
      },
      (n, up) -> {
        // dx = B(w, dy) is linear in w and in dy
        Tensor w = n.input(0);
        Tensor g = up.get(0);
        ConvAttrs c = n.attr().conv();
        return List.of(backpropFilter(g, w.shape(), n.input(1), c), conv2d(g, w, c));
      });

  /** Inputs {@code (input, out_backprop)}; the gradient of Conv2D with respect to its filter. */
  public static final OpDef<BackpropAttrs> CONV2D_BACKPROP_FILTER = OpDef.of(
      "Conv2DBackpropFilter",
      (a, in) -> {
        String op = "Conv2DBackpropFilter";
        DType dt = ConvAttrs.requireFloatPair(op, "input", in.get(0), "out_backprop", in.get(1));
        Shape filter = a.shape(op, "filter_sizes");
        Geometry g = a.conv().geometry(op, in.get(0).shape(), filter, false);
        BackpropAttrs.requireOutBackprop(op, g, in.get(1), in.get(0).shape(), filter);
        return List.of(new TensorSpec(dt, filter));
      },
      (a, in, out) -> {
        Shape filter = out.get(0).shape();
        Geometry g = a.conv().geometry("Conv2DBackpropFilter", in.get(0).shape(), filter, false);
        DType dt = in.get(0).dtype();
        Object dw = Tensor.allocate(dt, filter.size());
        ConvKernel.backpropFilter(in.get(0).data(), in.get(1).data(), g, dw);
        return List.of(Tensor.wrap(dt, filter, dw));
      },
      (n, up) -> {
        Tensor x = n.input(0);
        Tensor g = up.get(0);
        ConvAttrs c = n.attr().conv();
        return List.of(backpropInput(x.shape(), g, n.input(1), c), conv2d(x, g, c));
      });

  static Tensor conv2d(Tensor x, Tensor w, ConvAttrs a) {
    return Exec.run1(CONV2D, a, x, w);
  }

  static Tensor backpropInput(Shape input, Tensor w, Tensor dy, ConvAttrs a) {
    return Exec.run1(CONV2D_BACKPROP_INPUT, new BackpropAttrs(input.dims(), a), w, dy);
  }

  static Tensor backpropFilter(Tensor x, Shape filter, Tensor dy, ConvAttrs a) {
    return Exec.run1(CONV2D_BACKPROP_FILTER, new BackpropAttrs(filter.dims(), a), x, dy);
  }
}
