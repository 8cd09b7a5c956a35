package dev.rill.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.losses.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model function of "A Guide to TF Layers" (MNIST), written with the functional layers, run
 * once per step: the variables get TensorFlow's names and shapes and are the same every step, and
 * a few plain gradient steps lower the loss on a fixed batch.
 */
class MnistModelTest {
  static Tensor cnnModelFn(Tensor features, boolean training) {
    Tensor input = ArrayOps.reshape(features, -1, 28, 28, 1);
    Tensor conv1 = Layers.conv2d(input, 32, new int[] {5, 5}, "same", Activations.RELU);
    Tensor pool1 = Layers.maxPooling2d(conv1, new int[] {2, 2}, 2);
    Tensor conv2 = Layers.conv2d(pool1, 64, new int[] {5, 5}, "same", Activations.RELU);
    Tensor pool2 = Layers.maxPooling2d(conv2, new int[] {2, 2}, 2);
    Tensor flat = ArrayOps.reshape(pool2, -1, 7 * 7 * 64);
    Tensor dense = Layers.dense(flat, 1024, Activations.RELU);
    Tensor dropout = Layers.dropout(dense, 0.4, training);
    return Layers.dense(dropout, 10);
  }

  @Test
  void variablesAndTraining() {
    int batch = 2;
    Tensor x = new Rng(1).uniform(Shape.of(batch, 784), DType.FLOAT32);
    Tensor labels = Tensor.of(3, 1);
    VariableStore store = new VariableStore();
    Rng rng = new Rng(42);
    float first = evalLoss(store, x, labels);
    assertThat(LayerHarness.describe(store.variables())).containsExactly(
        "conv2d/kernel [5, 5, 1, 32]", "conv2d/bias [32]",
        "conv2d_1/kernel [5, 5, 32, 64]", "conv2d_1/bias [64]",
        "dense/kernel [3136, 1024]", "dense/bias [1024]",
        "dense_1/kernel [1024, 10]", "dense_1/bias [10]");
    List<Variable> vars = store.trainableVariables();
    for (int step = 0; step < 2; step++) {
      GradientTape tape = GradientTape.start();
      Tensor loss;
      try (tape; Scope s = Scope.open(store, true, rng, tape)) {
        loss = Losses.sparseSoftmaxCrossEntropy(labels, cnnModelFn(x, s.training()));
      }
      List<Tensor> grads = tape.gradients(loss, vars, null);
      for (int i = 0; i < vars.size(); i++) {
        vars.get(i).assignSub(grads.get(i).mul(0.05f));
      }
      assertThat(store.variables()).hasSize(8);
    }
    assertThat(store.trainableVariables()).containsExactlyElementsOf(vars);
    assertThat(evalLoss(store, x, labels)).isLessThan(first);
  }

  private static float evalLoss(VariableStore store, Tensor x, Tensor labels) {
    try (Scope s = Scope.open(store, false, new Rng(7), null)) {
      return Losses.sparseSoftmaxCrossEntropy(labels, cnnModelFn(x, s.training())).floatValue();
    }
  }
}
