package dev.rill.train.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.nn.layers.Layers;
import dev.rill.nn.optimizers.GradientDescentOptimizer;
import dev.rill.train.Estimator;
import dev.rill.train.EstimatorSpec;
import dev.rill.train.InputFn;
import dev.rill.train.ModeKeys;
import dev.rill.train.RunConfig;
import dev.rill.train.input.NumpyInputFn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A head inside a model function, through the Estimator's train, evaluate and predict. */
class HeadEstimatorTest {
  @TempDir
  Path dir;

  private static final BinaryClassHead HEAD = new BinaryClassHead();

  static EstimatorSpec logisticRegression(Map<String, Tensor> features, Tensor labels,
      ModeKeys mode, Map<String, Object> params) {
    Tensor logits = Layers.dense(features.get("x"), HEAD.logitsDimension());
    return HEAD.createEstimatorSpec(mode, logits, labels, new GradientDescentOptimizer(0.5));
  }

  /** Two overlapping Gaussian blobs in 2-D, labels 0 and 1. */
  static Map<String, Tensor> blobs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * 2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      float c = y[i] == 0 ? -1f : 1f;
      x[2 * i] = c + (float) r.nextGaussian();
      x[2 * i + 1] = c + (float) r.nextGaussian();
    }
    return Map.of("x", Tensor.of(Shape.of(n, 2), x), "y", Tensor.of(y));
  }

  static InputFn input(Map<String, Tensor> data, int epochs) {
    return NumpyInputFn.builder(Map.of("x", data.get("x")), data.get("y")).batchSize(20)
        .numEpochs(epochs).shuffle(3).build();
  }

  @Test
  void trainsEvaluatesAndPredicts() {
    Estimator est = new Estimator(HeadEstimatorTest::logisticRegression, RunConfig.of(dir, 42));
    est.train(input(blobs(200, 1), 0), 40, List.of());
    Map<String, Double> r = est.evaluate(input(blobs(100, 2), 1), 0);
    assertThat(r.keySet()).containsExactlyInAnyOrder("accuracy", "accuracy_baseline", "auc",
        "auc_precision_recall", "average_loss", "label/mean", "loss", "precision",
        "prediction/mean", "recall", "global_step");
    assertThat(r.get("global_step")).isEqualTo(40.0);
    assertThat(r.get("accuracy")).isGreaterThan(0.8);
    assertThat(r.get("auc")).isGreaterThan(0.85);
    assertThat(r.get("label/mean")).isCloseTo(0.5, within(1e-6));
    assertThat(r.get("accuracy_baseline")).isCloseTo(0.5, within(1e-6));
    // equal batches, unweighted, SUM_OVER_BATCH_SIZE: the mean of the batch losses is the mean
    assertThat(r.get("loss")).isCloseTo(r.get("average_loss"), within(1e-5));

    Iterator<Map<String, Tensor>> p = est.predict(input(blobs(4, 3), 1));
    List<Map<String, Tensor>> rows = new ArrayList<>();
    p.forEachRemaining(rows::add);
    assertThat(rows).hasSize(4);
    Map<String, Tensor> row = rows.get(0);
    assertThat(row.keySet()).contains("logistic", "class_ids", "classes", "probabilities");
    long classId = row.get("class_ids").getLong(0);
    assertThat(row.get("classes").getString(0)).isEqualTo(Long.toString(classId));
    assertThat(classId).isEqualTo(row.get("logistic").getFloat(0) > 0.5f ? 1 : 0);
  }
}
