/**
 * Activation functions layers apply to their outputs, by TensorFlow's names. Depends on core only.
 */
package dev.rill.nn.activations;
