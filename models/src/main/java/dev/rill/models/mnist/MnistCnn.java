package dev.rill.models.mnist;

import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.layers.Layers;
import dev.rill.nn.losses.Losses;
import dev.rill.nn.metrics.Accuracy;
import dev.rill.nn.optimizers.GradientDescentOptimizer;
import dev.rill.train.EstimatorSpec;
import dev.rill.train.EvalMetrics;
import dev.rill.train.ModeKeys;
import dev.rill.train.StepTensors;
import java.util.Map;

/**
 * The convolutional network of TensorFlow's "A Guide to TF Layers" tutorial, as its model function:
 * conv 5x5x32 same relu, pool 2x2/2, conv 5x5x64 same relu, pool, dense 1024 relu, dropout 0.4,
 * dense 10; sparse softmax cross-entropy; plain gradient descent.
 *
 * {@snippet :
 * Estimator classifier = new Estimator(MnistCnn::modelFn, RunConfig.of(modelDir, 42),
 *     Map.of(MnistCnn.LEARNING_RATE, 0.001));
 * }
 */
public final class MnistCnn {
  /** Parameter: the learning rate (default {@value #LEARNING_RATE_DEFAULT}). */
  public static final String LEARNING_RATE = "learning_rate";
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  /** The feature the images come in: float32 [batch, 784] or [batch, 28, 28]. */
  public static final String FEATURE = "x";
  public static final float DROPOUT_RATE = 0.4f;

  private MnistCnn() {}

  public static EstimatorSpec modelFn(Map<String, Tensor> features, Tensor labels, ModeKeys mode,
      Map<String, Object> params) {
    Tensor input = ArrayOps.reshape(features.get(FEATURE), -1, 28, 28, 1);
    Tensor conv1 = Layers.conv2d(input, 32, new int[] {5, 5}, "same", Activations.RELU);
    Tensor pool1 = Layers.maxPooling2d(conv1, new int[] {2, 2}, 2);
    Tensor conv2 = Layers.conv2d(pool1, 64, new int[] {5, 5}, "same", Activations.RELU);
    Tensor pool2 = Layers.maxPooling2d(conv2, new int[] {2, 2}, 2);
    Tensor pool2Flat = ArrayOps.reshape(pool2, -1, 7 * 7 * 64);
    Tensor dense = Layers.dense(pool2Flat, 1024, Activations.RELU);
    Tensor dropout = Layers.dropout(dense, DROPOUT_RATE, mode == ModeKeys.TRAIN);
    Tensor logits = Layers.dense(dropout, 10);

    Tensor classes = ReduceOps.argMax(logits, 1);
    Tensor probabilities = StepTensors.name("softmax_tensor", NnOps.softmax(logits));
    if (mode == ModeKeys.PREDICT) {
      return EstimatorSpec.predict(Map.of("classes", classes, "probabilities", probabilities));
    }
    Tensor loss = Losses.sparseSoftmaxCrossEntropy(labels, logits);
    if (mode == ModeKeys.TRAIN) {
      double lr = ((Number) params.getOrDefault(LEARNING_RATE, LEARNING_RATE_DEFAULT)).doubleValue();
      return EstimatorSpec.train(loss, new GradientDescentOptimizer(lr).minimize(loss));
    }
    Accuracy accuracy = EvalMetrics.get("accuracy", Accuracy::new);
    accuracy.update(labels, classes);
    return EstimatorSpec.eval(loss, Map.of("accuracy", accuracy));
  }
}
