package dev.rill.core.ops.nn;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.math.UnaryDefs;
import java.util.List;

/**
 * The {@code fused_ops} attribute of {@code _FusedConv2D} and {@code _FusedMatMul}: what follows
 * the product in the same op. Rill fuses a bias, alone or followed by a relu.
 *
 * {@snippet :
 * FusedOps f = FusedOps.of("_FusedMatMul", List.of("BiasAdd", "Relu"));   // BIAS_ADD_RELU
 * }
 */
public enum FusedOps {
  /** {@code f(x, w) + bias}. */
  BIAS_ADD(List.of("BiasAdd"), false),
  /** {@code relu(f(x, w) + bias)}. */
  BIAS_ADD_RELU(List.of("BiasAdd", "Relu"), true);

  private final List<String> names;
  private final boolean relu;

  FusedOps(List<String> names, boolean relu) {
    this.names = names;
    this.relu = relu;
  }

  /** TensorFlow's names for the fused ops, in order. */
  public List<String> names() {
    return names;
  }

  /** Whether a relu follows the bias. */
  public boolean relu() {
    return relu;
  }

  /** The value for TensorFlow's {@code fused_ops} list; throws naming {@code op} otherwise. */
  public static FusedOps of(String op, List<String> names) {
    for (FusedOps f : values()) {
      if (f.names.equals(names)) {
        return f;
      }
    }
    throw InvalidArgumentException.of(op, "unsupported fused_ops " + names + ", expected "
        + BIAS_ADD.names + " or " + BIAS_ADD_RELU.names);
  }

  /** Checks the bias against the output's spec: same dtype, a vector as long as the last axis. */
  public static void requireBias(String op, TensorSpec out, TensorSpec bias) {
    if (bias.dtype() != out.dtype()) {
      throw InvalidArgumentException.of(op, "bias must have the dtype of the product, got "
          + bias + " for an output " + out);
    }
    Shape s = bias.shape();
    int channels = out.shape().dim(-1);
    if (s.rank() != 1 || (s.dim(0) >= 0 && channels >= 0 && s.dim(0) != channels)) {
      throw InvalidArgumentException.of(op, "bias must be a vector of the size of the last "
          + "dimension of the output, got bias shape " + s + " and output shape " + out.shape());
    }
  }

  /**
   * The gradient at the fused op's pre-activation {@code z = f(x, w) + bias}, given the upstream
   * gradient {@code dy} and the op's output {@code y}: {@code dy} where {@code y > 0} for relu
   * (equivalent to {@code z > 0}, as ReluGrad), else {@code dy} itself.
   */
  public Tensor preActivationGradient(Tensor dy, Tensor y) {
    return relu ? Exec.run1(UnaryDefs.RELU_GRAD, dy, y) : dy;
  }
}
