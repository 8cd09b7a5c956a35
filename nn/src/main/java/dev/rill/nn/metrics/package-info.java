/**
 * Streaming evaluation metrics with TF1's semantics ({@code tf.compat.v1.metrics}): each metric
 * accumulates over the batches of an evaluation ({@code update}), reports its value
 * ({@code result}) and starts over ({@code reset}). State is kept as TensorFlow keeps its local
 * metric variables (float32 totals and counts, a float64 confusion matrix). Depends on core only.
 */
package dev.rill.nn.metrics;
