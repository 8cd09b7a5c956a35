package dev.rill.train.canned;

import dev.rill.train.RunConfig;

/**
 * A wide-and-deep classifier, as {@code tf.estimator.DNNLinearCombinedClassifier}: the logits
 * of a linear part ({@link LinearOptions}, variables under {@code linear/}) and a deep part
 * ({@link DNNOptions}, under {@code dnn/}) are summed; one training step updates the linear part
 * with its optimizer (default FTRL at {@code min(0.005, 1 / sqrt(columns))}) and the deep part
 * with its own (default Adagrad at 0.001), and advances the global step once.
 *
 * {@snippet :
 * DNNLinearCombinedClassifier m = new DNNLinearCombinedClassifier(
 *     LinearOptions.of(List.of(educationXOccupation)),
 *     DNNOptions.of(List.of(100, 50), List.of(age, embedding(occupation, 8))),
 *     RunConfig.of(dir, 42));
 * }
 */
public final class DNNLinearCombinedClassifier extends CannedEstimator {
  /** Binary, unweighted. */
  public DNNLinearCombinedClassifier(LinearOptions linear, DNNOptions dnn, RunConfig config) {
    this(linear, dnn, 2, null, config);
  }

  /**
   * @param linear the linear part, or null for none
   * @param dnn the deep part, or null for none
   * @param weightColumn the per-example weight feature, or null
   */
  public DNNLinearCombinedClassifier(LinearOptions linear, DNNOptions dnn, int nClasses,
      String weightColumn, RunConfig config) {
    super(classHead(nClasses), weightColumn, WideAndDeep.network(linear, dnn), config);
  }
}
