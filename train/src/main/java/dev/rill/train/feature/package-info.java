/**
 * Feature columns, TensorFlow's {@code tf.feature_column}: declarations of how raw features
 * (numbers, strings, ids; dense or sparse) become model inputs, and the two consumers that apply
 * them to a batch.
 *
 * <ul>
 *   <li>{@link dev.rill.train.feature.FeatureColumns} makes the columns: numeric, bucketized,
 *       categorical (vocabulary list or file, identity, hash bucket), crossed, weighted,
 *       indicator and embedding.
 *   <li>{@link dev.rill.train.feature.FeatureColumns#inputLayer} turns dense columns into one
 *       {@code [batch, total]} float32 tensor for a DNN.
 *   <li>{@link dev.rill.train.feature.FeatureColumns#linearModel} gives the logits of a linear
 *       model with one weight variable per column, looking categorical columns up sparsely.
 *   <li>{@link dev.rill.train.feature.SparseGradients} computes gradients in which the weights
 *       looked up sparsely get row gradients ({@code IndexedSlices}), so an optimizer step changes
 *       only the rows the batch used.
 * </ul>
 *
 * <p>Ids match TensorFlow's exactly: hash buckets are {@code StringToHashBucketFast}
 * (FarmHash Fingerprint64 mod buckets), crosses are {@code SparseCross} with TensorFlow's default
 * hash key, buckets are {@code Bucketize}. Columns are applied in order of their names, as
 * TensorFlow does, and variables take TensorFlow's names.
 */
package dev.rill.train.feature;
