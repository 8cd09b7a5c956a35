package dev.rill.train.canned;

import dev.rill.core.Tensor;
import dev.rill.nn.optimizers.Optimizer;
import dev.rill.train.feature.Features;
import java.util.LinkedHashMap;
import java.util.Map;

/** The network of the DNN-linear combined estimators: the two parts' logits summed. */
final class WideAndDeep {
  private WideAndDeep() {}

  /** Either part may be null, not both. */
  static Network network(LinearOptions linear, DNNOptions dnn) {
    if (linear == null && dnn == null) {
      throw new IllegalArgumentException("either linear or dnn options must be given");
    }
    Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    if (linear != null) {
      optimizers.put(LinearOptions.PREFIX, linear.optimizerOrDefault(
          LinearOptions.COMBINED_LINEAR_LEARNING_RATE, linear.featureColumns().size()));
    }
    if (dnn != null) {
      optimizers.put(DNNOptions.PREFIX, dnn.optimizerOrDefault(
          DNNOptions.COMBINED_DNN_LEARNING_RATE));
    }
    return new Network((Features f, Integer units) -> {
      Tensor dnnLogits = dnn == null ? null : dnn.logits(f, units);
      Tensor linearLogits = linear == null ? null : linear.logits(f, units);
      return dnnLogits == null ? linearLogits
          : linearLogits == null ? dnnLogits : dnnLogits.add(linearLogits);
    }, optimizers);
  }
}
