/**
 * Hooks called around training steps: logging, step counting, checkpoints, TensorBoard summaries,
 * NaN guard, stopping.
 */
package dev.rill.train.hooks;
