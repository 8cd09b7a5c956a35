/**
 * The losses of {@code tf.compat.v1.losses} with their weights and reductions, and the sum of the
 * regularization penalties layers record in the scope. Depends on core and on
 * {@code dev.rill.nn.Scope} only.
 */
package dev.rill.nn.losses;
