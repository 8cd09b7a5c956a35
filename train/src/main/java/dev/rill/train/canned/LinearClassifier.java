package dev.rill.train.canned;

import dev.rill.train.RunConfig;

/**
 * A linear classifier, as {@code tf.estimator.LinearClassifier}: logits from the linear model of
 * the feature columns, a binary head for 2 classes (sigmoid cross-entropy) or a multi-class one
 * above (softmax cross-entropy), trained by FTRL unless another optimizer is given.
 *
 * {@snippet :
 * LinearClassifier m = new LinearClassifier(LinearOptions.of(columns), RunConfig.of(dir, 42));
 * m.train(trainInput, 1000);
 * Map<String, Double> metrics = m.evaluate(evalInput);   // accuracy, auc, loss, ...
 * }
 */
public final class LinearClassifier extends CannedEstimator {
  /** Binary, unweighted. */
  public LinearClassifier(LinearOptions linear, RunConfig config) {
    this(linear, 2, null, config);
  }

  /** @param weightColumn the per-example weight feature, or null */
  public LinearClassifier(LinearOptions linear, int nClasses, String weightColumn,
      RunConfig config) {
    super(classHead(nClasses), weightColumn, linear.network(), config);
  }
}
