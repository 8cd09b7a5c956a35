/**
 * Layers as {@code tf.layers} and Keras define them: objects that create their variables in the
 * current {@code Scope} on first call ({@link dev.rill.nn.layers.Layer}), and the functional forms
 * in {@link dev.rill.nn.layers.Layers}. Depends on core and on {@code dev.rill.nn}'s scope,
 * initializers, activations and regularizers; never on optimizers or training.
 */
package dev.rill.nn.layers;
