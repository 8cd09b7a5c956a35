package dev.rill.nn.layers;

import dev.rill.nn.activations.Activation;
import dev.rill.nn.init.Initializer;
import dev.rill.nn.init.Initializers;
import dev.rill.nn.regularizers.Regularizer;
import java.util.Objects;

/**
 * The options every kernel-and-bias layer ({@link Dense}, {@link Conv1D}, {@link Conv2D}) shares,
 * with {@code tf.layers}' defaults: no activation, a bias, Glorot-uniform kernel, zero bias, no
 * regularizers, a name made unique in the scope.
 *
 * {@snippet :
 * Dense d = Dense.builder(10).activation(Activations.RELU)
 *     .kernelRegularizer(Regularizers.l2(1e-4)).name("logits").build();
 * }
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class KernelLayerBuilder<B extends KernelLayerBuilder<B>> {
  /** tf.layers adds a bias unless told not to. */
  public static final boolean USE_BIAS_DEFAULT = true;

  String name;
  Activation activation;
  boolean useBias = USE_BIAS_DEFAULT;
  Initializer kernelInitializer = Initializers.glorotUniform();
  Initializer biasInitializer = Initializers.zeros();
  Regularizer kernelRegularizer;
  Regularizer biasRegularizer;

  KernelLayerBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** A fixed layer name instead of the default one made unique in the scope. */
  public B name(String name) {
    this.name = name;
    return self();
  }

  /** Applied to the output; null (the default) is linear. */
  public B activation(Activation activation) {
    this.activation = activation;
    return self();
  }

  public B useBias(boolean useBias) {
    this.useBias = useBias;
    return self();
  }

  public B kernelInitializer(Initializer initializer) {
    this.kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
    return self();
  }

  public B biasInitializer(Initializer initializer) {
    this.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
    return self();
  }

  /** A penalty on the kernel, recorded in the scope at each call; null for none. */
  public B kernelRegularizer(Regularizer regularizer) {
    this.kernelRegularizer = regularizer;
    return self();
  }

  public B biasRegularizer(Regularizer regularizer) {
    this.biasRegularizer = regularizer;
    return self();
  }
}
