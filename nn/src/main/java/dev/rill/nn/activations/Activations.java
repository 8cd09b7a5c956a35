package dev.rill.nn.activations;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import java.util.Locale;

/**
 * The activations of {@code tf.nn} / {@code tf.keras.activations}, by their TensorFlow names.
 *
 * {@snippet :
 * Tensor h = Layers.dense(x, 1024, Activations.RELU);
 * Activation a = Activations.byName("selu");
 * Tensor y = Activations.apply(null, x);   // linear: x itself
 * }
 */
public final class Activations {
  /** {@code x}. */
  public static final Activation LINEAR = x -> x;
  /** {@code max(x, 0)}. */
  public static final Activation RELU = MathOps::relu;
  /** {@code min(max(x, 0), 6)}. */
  public static final Activation RELU6 = MathOps::relu6;
  /** {@code x} for x > 0, else {@code exp(x) - 1}. */
  public static final Activation ELU = MathOps::elu;
  /** {@code SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (exp(x) - 1))}. */
  public static final Activation SELU = Activations::selu;
  /** {@code 1 / (1 + exp(-x))}. */
  public static final Activation SIGMOID = MathOps::sigmoid;
  public static final Activation TANH = MathOps::tanh;
  /** Softmax over the last axis. */
  public static final Activation SOFTMAX = NnOps::softmax;
  /** {@code log(exp(x) + 1)}. */
  public static final Activation SOFTPLUS = MathOps::softplus;

  /** SELU's alpha (Klambauer et al., 2017), as TensorFlow's Selu op uses it. */
  public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  /** SELU's scale. */
  public static final double SELU_SCALE = 1.0507009873554804934193349852946;

  private Activations() {}

  /** {@code activation(x)}, or x when the activation is null (linear). */
  public static Tensor apply(Activation activation, Tensor x) {
    return activation == null ? x : activation.apply(x);
  }

  /** The activation TensorFlow calls {@code name} ("relu", "softmax", …); "linear" or null is x. */
  public static Activation byName(String name) {
    if (name == null) {
      return LINEAR;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "linear" -> LINEAR;
      case "relu" -> RELU;
      case "relu6" -> RELU6;
      case "elu" -> ELU;
      case "selu" -> SELU;
      case "sigmoid" -> SIGMOID;
      case "tanh" -> TANH;
      case "softmax" -> SOFTMAX;
      case "softplus" -> SOFTPLUS;
      default -> throw new InvalidArgumentException("unknown activation '" + name + "', expected "
          + "one of linear, relu, relu6, elu, selu, sigmoid, tanh, softmax, softplus");
    };
  }

  private static Tensor selu(Tensor x) {
    // scale * elu(x) on the positive side, scale * alpha * elu(x) on the negative one
    Tensor elu = MathOps.elu(x);
    Tensor positive = MathOps.greater(x, x.like(0));
    return MathOps.where(positive, MathOps.mul(elu, x.like(SELU_SCALE)),
        MathOps.mul(elu, x.like(SELU_SCALE * SELU_ALPHA)));
  }
}
