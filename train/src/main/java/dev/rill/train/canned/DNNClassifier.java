package dev.rill.train.canned;

import dev.rill.train.RunConfig;

/**
 * A feed-forward network classifier, as {@code tf.estimator.DNNClassifier}: hidden layers over
 * the dense feature columns (see {@link DNNOptions}), a binary or multi-class head, Adagrad at
 * 0.05 unless another optimizer is given.
 *
 * {@snippet :
 * DNNClassifier m = new DNNClassifier(DNNOptions.of(List.of(10, 10), columns), 3, null,
 *     RunConfig.of(dir, 42));
 * }
 */
public final class DNNClassifier extends CannedEstimator {
  /** Binary, unweighted. */
  public DNNClassifier(DNNOptions dnn, RunConfig config) {
    this(dnn, 2, null, config);
  }

  /** @param weightColumn the per-example weight feature, or null */
  public DNNClassifier(DNNOptions dnn, int nClasses, String weightColumn, RunConfig config) {
    super(classHead(nClasses), weightColumn, dnn.network(), config);
  }
}
