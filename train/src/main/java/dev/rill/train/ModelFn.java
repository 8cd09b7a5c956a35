package dev.rill.train;

import dev.rill.core.Tensor;
import java.util.Map;

/**
 * The model, as TensorFlow's {@code model_fn(features, labels, mode, params)}: it runs once per
 * batch inside a {@link dev.rill.nn.Scope} whose variable store keeps the model's variables, and
 * returns what the mode needs.
 *
 * {@snippet :
 * ModelFn fn = (features, labels, mode, params) -> {
 *   Tensor logits = Layers.dense(features.get("x"), 10, null);
 *   if (mode == ModeKeys.PREDICT) {
 *     return EstimatorSpec.predict(Map.of("classes", ReduceOps.argMax(logits, 1)));
 *   }
 *   Tensor loss = Losses.sparseSoftmaxCrossEntropy(labels, logits);
 *   ...
 * };
 * }
 */
@FunctionalInterface
public interface ModelFn {
  EstimatorSpec apply(Map<String, Tensor> features, Tensor labels, ModeKeys mode,
      Map<String, Object> params);
}
