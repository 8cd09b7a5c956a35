package dev.rill.nn.layers;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.nn.activations.Activation;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.init.Initializer;
import dev.rill.nn.regularizers.Regularizer;

/**
 * A layer that computes {@code activation(f(inputs, kernel) + bias)}: Dense and the convolutions.
 * It owns the options of {@link KernelLayerBuilder}, creates {@code kernel} and {@code bias}, and
 * applies the bias and activation; subclasses supply the kernel's shape and {@code f}.
 */
public abstract class KernelLayer extends Layer {
  private final Activation activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;
  private Variable kernel;
  private Variable bias;

  KernelLayer(String baseName, KernelLayerBuilder<?> b) {
    super(baseName, b.name);
    activation = b.activation;
    useBias = b.useBias;
    kernelInitializer = b.kernelInitializer;
    biasInitializer = b.biasInitializer;
    kernelRegularizer = b.kernelRegularizer;
    biasRegularizer = b.biasRegularizer;
  }

  /** Creates the kernel of {@code shape} and, if used, a bias over its last dimension. */
  final void addKernelAndBias(Shape shape) {
    kernel = addWeight("kernel", shape, kernelInitializer, true, kernelRegularizer);
    if (useBias) {
      bias = addWeight("bias", Shape.of(shape.dim(-1)), biasInitializer, true, biasRegularizer);
    }
  }

  /** The kernel variable (null before the layer is built). */
  final Variable kernel() {
    return kernel;
  }

  /**
   * The fused ops that compute {@code f}, the bias and the activation as one op for inputs of
   * {@code dtype}, or null where the layer must take {@link #biasAndActivation}: fusing needs a
   * bias, a relu or linear activation, and a floating dtype shared by inputs and variables.
   */
  final FusedOps fusedOps(DType dtype) {
    if (!useBias || (dtype != DType.FLOAT32 && dtype != DType.FLOAT64)
        || kernel.dtype() != dtype || bias.dtype() != dtype) {
      return null;
    }
    if (activation == null || activation == Activations.LINEAR) {
      return FusedOps.BIAS_ADD;
    }
    return activation == Activations.RELU ? FusedOps.BIAS_ADD_RELU : null;
  }

  /** The bias variable (null before the layer is built or without a bias). */
  final Variable bias() {
    return bias;
  }

  /** {@code activation(y + bias)}, the bias added along the last dimension. */
  final Tensor biasAndActivation(Tensor y) {
    return Activations.apply(activation, useBias ? NnOps.biasAdd(y, bias.value()) : y);
  }
}
