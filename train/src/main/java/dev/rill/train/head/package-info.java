/**
 * Heads, as TF 2's {@code tf.estimator} heads: the part of a canned model that turns logits into
 * predictions, a loss, a train op and evaluation metrics, and assembles the
 * {@link dev.rill.train.EstimatorSpec} of a {@link dev.rill.train.ModelFn}.
 *
 * <ul>
 *   <li>{@link dev.rill.train.head.BinaryClassHead}: one logit, sigmoid cross-entropy; accuracy,
 *       precision, recall, AUCs, label and prediction means;
 *   <li>{@link dev.rill.train.head.MultiClassHead}: softmax cross-entropy over n classes;
 *   <li>{@link dev.rill.train.head.RegressionHead}: squared error.
 * </ul>
 *
 * The loss reduction defaults to TF 2's {@code SUM_OVER_BATCH_SIZE} (see
 * {@link dev.rill.train.head.Head}).
 */
package dev.rill.train.head;
