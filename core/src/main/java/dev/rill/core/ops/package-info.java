/** The user-facing op families (MathOps, ArrayOps, ReduceOps, LinalgOps, ...): static functions named as TensorFlow's, each running one op definition through the current execution. */
package dev.rill.core.ops;
