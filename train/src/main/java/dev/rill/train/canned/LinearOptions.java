package dev.rill.train.canned;

import dev.rill.core.Tensor;
import dev.rill.nn.optimizers.FtrlOptimizer;
import dev.rill.nn.optimizers.Optimizer;
import dev.rill.train.feature.Combiner;
import dev.rill.train.feature.FeatureColumn;
import dev.rill.train.feature.FeatureColumns;
import dev.rill.train.feature.Features;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The linear part of a canned model ({@code feature_columns}, {@code optimizer},
 * {@code sparse_combiner} of TensorFlow's linear estimators): logits from
 * {@link FeatureColumns#linearModel} with variables under {@code linear/linear_model}.
 *
 * {@snippet :
 * LinearOptions wide = LinearOptions.of(List.of(age, education, educationXOccupation))
 *     .withOptimizer(FtrlOptimizer.builder(0.1).l1(1.0).build());
 * }
 *
 * @param optimizer null for the estimator's default: FTRL with learning rate
 *     {@code min(cap, 1 / sqrt(number of columns))}, cap 0.2 for a linear estimator and 0.005
 *     for the linear part of a combined one, as TensorFlow
 */
public record LinearOptions(List<FeatureColumn> featureColumns, Optimizer optimizer,
    Combiner sparseCombiner) {
  /** The prefix of the linear part's variables. */
  public static final String PREFIX = "linear";
  /** TensorFlow's learning-rate cap of the default FTRL of a linear estimator. */
  static final double LINEAR_LEARNING_RATE = 0.2;
  /** TensorFlow's cap for the linear part of a DNN-linear combined estimator. */
  static final double COMBINED_LINEAR_LEARNING_RATE = 0.005;

  public LinearOptions {
    featureColumns = List.copyOf(featureColumns);
    Objects.requireNonNull(sparseCombiner, "sparseCombiner");
  }

  /** These columns, the default optimizer, sum combiner (TensorFlow's defaults). */
  public static LinearOptions of(List<? extends FeatureColumn> featureColumns) {
    return new LinearOptions(List.copyOf(featureColumns), null, Combiner.SUM);
  }

  public LinearOptions withOptimizer(Optimizer optimizer) {
    return new LinearOptions(featureColumns, optimizer, sparseCombiner);
  }

  public LinearOptions withSparseCombiner(Combiner combiner) {
    return new LinearOptions(featureColumns, optimizer, combiner);
  }

  Tensor logits(Features features, int units) {
    return logits(features, featureColumns, units);
  }

  Tensor logits(Features features, List<? extends FeatureColumn> columns, int units) {
    return FeatureColumns.linearModel(features, columns, units, FeatureColumns.LINEAR_MODEL,
        sparseCombiner);
  }

  /** The given optimizer, or FTRL at {@code min(cap, 1 / sqrt(columns))}. */
  Optimizer optimizerOrDefault(double cap, int columns) {
    return optimizer != null ? optimizer
        : new FtrlOptimizer(Math.min(cap, 1.0 / Math.sqrt(Math.max(1, columns))));
  }

  /** The network of a linear estimator. */
  Network network() {
    if (featureColumns.isEmpty()) {
      throw new IllegalArgumentException("a linear estimator needs feature columns");
    }
    return new Network(this::logits, Map.of(PREFIX,
        optimizerOrDefault(LINEAR_LEARNING_RATE, featureColumns.size())));
  }
}
