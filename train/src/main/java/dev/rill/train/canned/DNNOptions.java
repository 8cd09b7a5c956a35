package dev.rill.train.canned;

import dev.rill.core.Tensor;
import dev.rill.nn.Scope;
import dev.rill.nn.activations.Activation;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.layers.Dense;
import dev.rill.nn.layers.Layers;
import dev.rill.nn.optimizers.AdagradOptimizer;
import dev.rill.nn.optimizers.Optimizer;
import dev.rill.train.feature.FeatureColumn;
import dev.rill.train.feature.FeatureColumns;
import dev.rill.train.feature.Features;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deep part of a canned model ({@code hidden_units}, {@code feature_columns},
 * {@code activation_fn}, {@code dropout}, {@code optimizer} of TensorFlow's DNN estimators): the
 * columns' {@link FeatureColumns#inputLayer}, fully connected hidden layers, then a linear
 * logits layer. Variables take TensorFlow's names: {@code dnn/hiddenlayer_<i>/kernel} and
 * {@code /bias}, {@code dnn/logits/kernel} and {@code /bias}, embedding tables under
 * {@code dnn/input_from_feature_columns/input_layer}. Batch normalization is not offered (off
 * by default in TensorFlow).
 *
 * {@snippet :
 * DNNOptions deep = DNNOptions.of(List.of(100, 50), List.of(age, embedding(occupation, 8)))
 *     .withDropout(0.1);
 * }
 *
 * @param dropout the probability of dropping a hidden unit while training; 0 for none
 * @param optimizer null for the estimator's default: Adagrad at 0.05 for a DNN estimator, 0.001
 *     for the deep part of a combined one, as TensorFlow
 */
public record DNNOptions(List<Integer> hiddenUnits, List<FeatureColumn> featureColumns,
    Activation activation, double dropout, Optimizer optimizer) {
  /** The prefix of the deep part's variables. */
  public static final String PREFIX = "dnn";
  static final String INPUT_LAYER = PREFIX + "/input_from_feature_columns/"
      + FeatureColumns.INPUT_LAYER;
  /** TensorFlow's default Adagrad learning rate of a DNN estimator. */
  static final double DNN_LEARNING_RATE = 0.05;
  /** TensorFlow's default for the deep part of a DNN-linear combined estimator. */
  static final double COMBINED_DNN_LEARNING_RATE = 0.001;

  public DNNOptions {
    hiddenUnits = List.copyOf(hiddenUnits);
    featureColumns = List.copyOf(featureColumns);
    Objects.requireNonNull(activation, "activation");
    for (int u : hiddenUnits) {
      if (u < 1) {
        throw new IllegalArgumentException("hidden_units must be positive, got " + hiddenUnits);
      }
    }
    if (featureColumns.isEmpty()) {
      throw new IllegalArgumentException("a DNN needs feature columns");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
  }

  /** These layers and columns, ReLU, no dropout, the default optimizer. */
  public static DNNOptions of(List<Integer> hiddenUnits,
      List<? extends FeatureColumn> featureColumns) {
    return new DNNOptions(hiddenUnits, List.copyOf(featureColumns), Activations.RELU, 0, null);
  }

  public DNNOptions withActivation(Activation activation) {
    return new DNNOptions(hiddenUnits, featureColumns, activation, dropout, optimizer);
  }

  public DNNOptions withDropout(double dropout) {
    return new DNNOptions(hiddenUnits, featureColumns, activation, dropout, optimizer);
  }

  public DNNOptions withOptimizer(Optimizer optimizer) {
    return new DNNOptions(hiddenUnits, featureColumns, activation, dropout, optimizer);
  }

  Tensor logits(Features features, int units) {
    Tensor net = FeatureColumns.inputLayer(features, featureColumns, INPUT_LAYER);
    for (int i = 0; i < hiddenUnits.size(); i++) {
      net = Dense.builder(hiddenUnits.get(i)).activation(activation)
          .name(PREFIX + "/hiddenlayer_" + i).build().apply(net);
      if (dropout > 0 && Scope.current().training()) {
        net = Layers.dropout(net, dropout, true);
      }
    }
    return Dense.builder(units).name(PREFIX + "/logits").build().apply(net);
  }

  /** The given optimizer, or Adagrad at {@code learningRate}. */
  Optimizer optimizerOrDefault(double learningRate) {
    return optimizer != null ? optimizer : new AdagradOptimizer(learningRate);
  }

  /** The network of a DNN estimator. */
  Network network() {
    return new Network(this::logits, Map.of(PREFIX, optimizerOrDefault(DNN_LEARNING_RATE)));
  }
}
