/**
 * TF1's training machinery ({@code tf.compat.v1.train}): optimizers that apply gradients to
 * variables with TensorFlow's update rules and slot names, sparse (row) gradients, gradient
 * clipping and exponential moving averages. Depends on core and on {@code dev.rill.nn}'s scope and
 * variable store; never on layers or the train module.
 */
package dev.rill.nn.optimizers;
