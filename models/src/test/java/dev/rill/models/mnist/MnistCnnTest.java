package dev.rill.models.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.RandomOps;
import dev.rill.io.checkpoint.CheckpointReader;
import dev.rill.train.Estimator;
import dev.rill.train.RunConfig;
import dev.rill.train.input.NumpyInputFn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistCnnTest {
  @TempDir
  Path dir;

  @Test
  void variablesAreNamedAsTensorFlowNamesThemAndTheLossFalls() throws Exception {
    // two trivially separable "digits": dark images are 0, bright ones 1
    int n = 40;
    Tensor noise = RandomOps.uniform(Shape.of(n, 784), DType.FLOAT32, 0, 0.3, 5);
    float[] x = noise.toFloatArray();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 784; j++) {
        x[i * 784 + j] += y[i] * 0.7f;
      }
    }
    var input = NumpyInputFn.builder(Map.of("x", Tensor.of(Shape.of(n, 784), x)), Tensor.of(y))
        .batchSize(20).forever().shuffle(1).build();
    var evalInput = NumpyInputFn.builder(Map.of("x", Tensor.of(Shape.of(n, 784), x)),
        Tensor.of(y)).batchSize(20).numEpochs(1).noShuffle().build();
    Estimator est = new Estimator(MnistCnn::modelFn, RunConfig.of(dir, 42),
        Map.of(MnistCnn.LEARNING_RATE, 0.05));
    double before = est.evaluate(evalInput, 0).get("loss");
    est.train(input, 6, List.of());
    Map<String, Double> after = est.evaluate(evalInput, 0);
    assertThat(after.get("loss")).isLessThan(before);
    try (CheckpointReader r = CheckpointReader.open(Path.of(est.latestCheckpoint()))) {
      // besides the model, the checkpoint keeps where training stands in its input
      assertThat(r.names()).filteredOn(name -> !name.startsWith("input_position/"))
          .containsExactlyInAnyOrder("conv2d/kernel", "conv2d/bias", "conv2d_1/kernel",
              "conv2d_1/bias", "dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias",
              "global_step");
      assertThat(r.names()).contains("input_position/batches", "input_position/fingerprint");
      assertThat(r.shape("conv2d_1/kernel")).isEqualTo(Shape.of(5, 5, 32, 64));
      assertThat(r.shape("dense/kernel")).isEqualTo(Shape.of(3136, 1024));
    }
  }
}
