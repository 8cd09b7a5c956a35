/**
 * Canned estimators, TensorFlow's premade {@code tf.estimator} models: a network built from
 * feature columns, a head ({@link dev.rill.train.head}) and an {@link dev.rill.train.Estimator}
 * that trains, evaluates and predicts with it in a model directory.
 *
 * <ul>
 *   <li>{@link dev.rill.train.canned.LinearClassifier}, {@link dev.rill.train.canned.LinearRegressor}:
 *       {@link dev.rill.train.canned.LinearOptions}, FTRL by default.
 *   <li>{@link dev.rill.train.canned.DNNClassifier}, {@link dev.rill.train.canned.DNNRegressor}:
 *       {@link dev.rill.train.canned.DNNOptions}, Adagrad by default.
 *   <li>{@link dev.rill.train.canned.DNNLinearCombinedClassifier},
 *       {@link dev.rill.train.canned.DNNLinearCombinedRegressor}: both, logits summed, each part
 *       trained by its own optimizer in one step.
 *   <li>{@link dev.rill.train.canned.KernelLinearClassifier}: a linear model over random Fourier
 *       features of real-valued columns (TF contrib's kernel methods).
 * </ul>
 *
 * <p>Classifiers take {@code nClasses} (2: binary head, more: multi-class head), regressors
 * {@code labelDimension}; both take an optional weight feature. Training uses sparse gradients,
 * so a step touches only the rows of categorical weights its batch looked up.
 */
package dev.rill.train.canned;
