/** Hooks called around training steps: logging, step counting, checkpoints, NaN guard, stopping. */
package dev.rill.train.hooks;
