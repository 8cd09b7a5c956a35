/**
 * Learning rates as functions of the global step (TF1's {@code tf.train.exponential_decay},
 * {@code piecewise_constant}, {@code polynomial_decay}, ...), computed in float32 as TensorFlow
 * computes them. Depends on nothing but the JDK; the optimizers evaluate a schedule at each step.
 */
package dev.rill.nn.schedules;
