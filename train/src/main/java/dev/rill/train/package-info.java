/** The Estimator: model functions, input functions, training with checkpoints and resume, evaluation, prediction. Depends on core, io, data and nn. */
package dev.rill.train;
