package dev.rill.core.ops.nn.conv;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.LrnKernel;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * {@code LRN} (local response normalization over the channels of NHWC input) and {@code LRNGrad}.
 * The gradient passes the forward op's own attributes to LRNGrad, as TensorFlow's Python rule does
 * (its C++ rule falls back to the defaults). LRNGrad itself has no gradient. Besides float32,
 * float64 is accepted (TensorFlow's LRN is float32-only) so gradients can be checked in double.
 *
 * {@snippet :
 * Tensor y = Exec.run1(LrnDefs.LRN, new LrnDefs.Attrs(4, 1f, 0.001f / 9f, 0.75f), x);
 * }
 */
public final class LrnDefs {
  private LrnDefs() {}

  /**
   * TensorFlow's attributes, float as in TensorFlow: half-width of the channel window, and
   * {@code y = x / (bias + alpha * sum(x^2))^beta}.
   */
  public record Attrs(int depthRadius, float bias, float alpha, float beta) {
    public static final int DEPTH_RADIUS_DEFAULT = 5;
    public static final float BIAS_DEFAULT = 1f;
    public static final float ALPHA_DEFAULT = 1f;
    public static final float BETA_DEFAULT = 0.5f;

    public static Attrs defaults() {
      return new Attrs(DEPTH_RADIUS_DEFAULT, BIAS_DEFAULT, ALPHA_DEFAULT, BETA_DEFAULT);
    }
  }

  public static final OpDef<Attrs> LRN = OpDef.of("LRN",
      (a, in) -> {
        check("LRN", a, in.get(0), "input");
        return List.of(in.get(0));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        Object y = Tensor.allocate(x.dtype(), x.size());
        LrnKernel.forward(x.data(), x.shape().dim(3), a.depthRadius(), a.bias(), a.alpha(),
            a.beta(), y);
        return List.of(Tensor.wrap(x.dtype(), x.shape(), y));
      },
      (n, dy) -> List.of(Exec.run1(LrnDefs.LRN_GRAD, n.attr(), dy.get(0), n.input(0),
          n.output(0))));

  /** Inputs {@code (input_grads, input_image, output_image)}, all of one shape. */
  public static final OpDef<Attrs> LRN_GRAD = OpDef.of("LRNGrad",
      (a, in) -> {
        String[] names = {"input_grads", "input_image", "output_image"};
        for (int i = 0; i < 3; i++) {
          check("LRNGrad", a, in.get(i), names[i]);
          if (in.get(i).dtype() != in.get(0).dtype()
              || !ConvAttrs.compatible(in.get(i).shape(), in.get(0).shape())) {
            throw InvalidArgumentException.of("LRNGrad", "input_grads, input_image and "
                + "output_image must have the same dtype and shape, got " + in.get(0) + ", "
                + in.get(1) + " and " + in.get(2));
          }
        }
        return List.of(in.get(0));
      },
      (a, in, out) -> {
        Tensor g = in.get(0);
        Object dx = Tensor.allocate(g.dtype(), g.size());
        LrnKernel.backward(g.data(), in.get(1).data(), in.get(2).data(), g.shape().dim(3),
            a.depthRadius(), a.bias(), a.alpha(), a.beta(), dx);
        return List.of(Tensor.wrap(g.dtype(), g.shape(), dx));
      },
      null);

  private static void check(String op, Attrs a, TensorSpec x, String name) {
    Elementwise.requireDType(op, x.dtype(), Elementwise.FLOATS);
    if (x.shape().rank() != 4) {
      throw InvalidArgumentException.of(op, name + " must be 4-dimensional [batch, height, width, "
          + "channels], got shape " + x.shape());
    }
    if (a.depthRadius() < 0) {
      throw InvalidArgumentException.of(op, "depth_radius must be non-negative, got "
          + a.depthRadius());
    }
  }
}
