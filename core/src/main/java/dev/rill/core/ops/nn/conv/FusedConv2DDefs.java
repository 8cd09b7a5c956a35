package dev.rill.core.ops.nn.conv;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.ConvKernel;
import dev.rill.core.kernel.conv.Geometry;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Grads;
import dev.rill.core.ops.nn.FusedOps;
import java.util.Arrays;
import java.util.List;

/**
 * {@code _FusedConv2D}: {@code act(Conv2D(input, filter) + bias)} in one op, inputs
 * {@code (input, filter, bias)}, {@code act} relu or none ({@link FusedOps}). The bias and relu
 * are applied to each block of output as the convolution writes it, so the output is written
 * once instead of three times; the values are bit-identical to Conv2D, BiasAdd and Relu in turn.
 *
 * <p>The gradient reuses the unfused ops: {@code dz} is the upstream gradient masked by
 * {@code y > 0} (ReluGrad), then Conv2DBackpropInput, Conv2DBackpropFilter and BiasAddGrad of
 * {@code dz}.
 *
 * {@snippet :
 * var a = new FusedConv2DDefs.Attrs(ConvAttrs.of(new int[] {1, 1, 1, 1}, "SAME"),
 *     FusedOps.BIAS_ADD_RELU);
 * Tensor y = Exec.run1(FusedConv2DDefs.FUSED_CONV2D, a, x, w, b);   // relu(conv2d(x, w) + b)
 * }
 */
public final class FusedConv2DDefs {
  private FusedConv2DDefs() {}

  /** The convolution's attributes and what is fused after it. */
  public record Attrs(ConvAttrs conv, FusedOps fusedOps) {}

  private static final String NAME = "_FusedConv2D";

  public static final OpDef<Attrs> FUSED_CONV2D = OpDef.of(NAME,
      (a, in) -> {
        DType dt = ConvAttrs.requireFloatPair(NAME, "input", in.get(0), "filter", in.get(1));
        Geometry g = a.conv().geometry(NAME, in.get(0).shape(), in.get(1).shape(), false);
        TensorSpec out = new TensorSpec(dt, ConvAttrs.outShape(g));
        FusedOps.requireBias(NAME, out, in.get(2));
        return List.of(out);
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        Geometry g = a.conv().geometry(NAME, x.shape(), in.get(1).shape(), false);
        Object y = Tensor.allocateToOverwrite(x.dtype(), g.outSize());
        ConvKernel.forward(x.data(), in.get(1).data(), g, y, in.get(2).data(),
            a.fusedOps().relu());
        return List.of(Tensor.wrap(x.dtype(), out.get(0).shape(), y));
      },
      (n, dy) -> {
        Tensor x = n.input(0);
        Tensor w = n.input(1);
        ConvAttrs c = n.attr().conv();
        Tensor dz = n.attr().fusedOps().preActivationGradient(dy.get(0), n.output(0));
        return Grads.spent(dz, dy.get(0), Arrays.asList(
            n.needsGradient(0) ? Conv2DDefs.backpropInput(x.shape(), w, dz, c) : null,
            n.needsGradient(1) ? Conv2DDefs.backpropFilter(x, w.shape(), dz, c) : null,
            n.needsGradient(2)
                ? Exec.run1(BiasAddDefs.BIAS_ADD_GRAD, BiasAddDefs.Attrs.NHWC, dz) : null));
      });
}
