package dev.rill.core.ops.nn.conv;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.conv.DepthwiseKernel;
import dev.rill.core.kernel.conv.Doubles;
import dev.rill.core.kernel.conv.Geometry;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import java.util.Arrays;
import java.util.List;

/**
 * {@code DepthwiseConv2dNative} (filter {@code [kH, kW, inC, multiplier]}, output channel
 * {@code c * multiplier + m}) and its backprops, which are each other's gradients as for Conv2D.
 *
 * {@snippet :
 * Tensor y = Exec.run1(DepthwiseConv2dDefs.DEPTHWISE_CONV2D_NATIVE,
 *     ConvAttrs.of(new int[] {1, 1, 1, 1}, "SAME"), x, w);
 * }
 */
public final class DepthwiseConv2dDefs {
  private DepthwiseConv2dDefs() {}

  private static final String FORWARD = "DepthwiseConv2dNative";
  private static final String BACK_INPUT = "DepthwiseConv2dNativeBackpropInput";
  private static final String BACK_FILTER = "DepthwiseConv2dNativeBackpropFilter";

  public static final OpDef<ConvAttrs> DEPTHWISE_CONV2D_NATIVE = OpDef.of(FORWARD,
      (a, in) -> {
        DType dt = ConvAttrs.requireFloatPair(FORWARD, "input", in.get(0), "filter", in.get(1));
        Geometry g = a.geometry(FORWARD, in.get(0).shape(), in.get(1).shape(), true);
        return List.of(new TensorSpec(dt, ConvAttrs.outShape(g)));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        Tensor w = in.get(1);
        Geometry g = a.geometry(FORWARD, x.shape(), w.shape(), true);
        Shape s = out.get(0).shape();
        if (x.dtype() == DType.FLOAT32) {
          float[] y = BufferPool.floats(g.outSize());
          DepthwiseKernel.forward(x.floatData(), w.floatData(), g, y);
          return List.of(Tensor.wrap(DType.FLOAT32, s, y));
        }
        double[] y = new double[g.outSize()];
        DepthwiseKernel.forward(x.doubleData(), w.doubleData(), g, y);
        return List.of(Tensor.wrap(DType.FLOAT64, s, y));
      },
      (n, dy) -> {
        Tensor x = n.input(0);
        Tensor w = n.input(1);
        Tensor g = dy.get(0);
        // images fed to a first layer need no gradient: skip the costlier half then
        return Arrays.asList(n.needsGradient(0) ? backpropInput(x.shape(), w, g, n.attr()) : null,
            n.needsGradient(1) ? backpropFilter(x, w.shape(), g, n.attr()) : null);
      });

  /** Inputs {@code (filter, out_backprop)}. */
  public static final OpDef<BackpropAttrs> DEPTHWISE_CONV2D_NATIVE_BACKPROP_INPUT = OpDef.of(
      BACK_INPUT,
      (a, in) -> {
        DType dt = ConvAttrs.requireFloatPair(BACK_INPUT, "filter", in.get(0), "out_backprop",
            in.get(1));
        Shape input = a.shape(BACK_INPUT, "input_sizes");
        Geometry g = a.conv().geometry(BACK_INPUT, input, in.get(0).shape(), true);
        BackpropAttrs.requireOutBackprop(BACK_INPUT, g, in.get(1), input, in.get(0).shape());
        return List.of(new TensorSpec(dt, input));
      },
      (a, in, out) -> {
        Shape input = out.get(0).shape();
        Geometry g = a.conv().geometry(BACK_INPUT, input, in.get(0).shape(), true);
        double[] dx = new double[input.size()];
        DepthwiseKernel.backpropInput(Doubles.of(in.get(0)), Doubles.of(in.get(1)), g, dx);
        return List.of(Doubles.wrap(in.get(0).dtype(), input, dx));
      },
      (n, up) -> {
        Tensor w = n.input(0);
        Tensor g = up.get(0);
        ConvAttrs c = n.attr().conv();
        return List.of(backpropFilter(g, w.shape(), n.input(1), c), depthwise(g, w, c));
      });

  /** Inputs {@code (input, out_backprop)}. */
  public static final OpDef<BackpropAttrs> DEPTHWISE_CONV2D_NATIVE_BACKPROP_FILTER = OpDef.of(
      BACK_FILTER,
      (a, in) -> {
        DType dt = ConvAttrs.requireFloatPair(BACK_FILTER, "input", in.get(0), "out_backprop",
            in.get(1));
        Shape filter = a.shape(BACK_FILTER, "filter_sizes");
        Geometry g = a.conv().geometry(BACK_FILTER, in.get(0).shape(), filter, true);
        BackpropAttrs.requireOutBackprop(BACK_FILTER, g, in.get(1), in.get(0).shape(), filter);
        return List.of(new TensorSpec(dt, filter));
      },
      (a, in, out) -> {
        Shape filter = out.get(0).shape();
        Geometry g = a.conv().geometry(BACK_FILTER, in.get(0).shape(), filter, true);
        double[] dw = new double[filter.size()];
        DepthwiseKernel.backpropFilter(Doubles.of(in.get(0)), Doubles.of(in.get(1)), g, dw);
        return List.of(Doubles.wrap(in.get(0).dtype(), filter, dw));
      },
      (n, up) -> {
        Tensor x = n.input(0);
        Tensor g = up.get(0);
        ConvAttrs c = n.attr().conv();
        return List.of(backpropInput(x.shape(), g, n.input(1), c), depthwise(x, g, c));
      });

  static Tensor depthwise(Tensor x, Tensor w, ConvAttrs a) {
    return Exec.run1(DEPTHWISE_CONV2D_NATIVE, a, x, w);
  }

  static Tensor backpropInput(Shape input, Tensor w, Tensor dy, ConvAttrs a) {
    return Exec.run1(DEPTHWISE_CONV2D_NATIVE_BACKPROP_INPUT, new BackpropAttrs(input.dims(), a),
        w, dy);
  }

  static Tensor backpropFilter(Tensor x, Shape filter, Tensor dy, ConvAttrs a) {
    return Exec.run1(DEPTHWISE_CONV2D_NATIVE_BACKPROP_FILTER, new BackpropAttrs(filter.dims(), a),
        x, dy);
  }
}
