package dev.rill.train.canned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.nn.optimizers.AdagradOptimizer;
import dev.rill.nn.optimizers.FtrlOptimizer;
import dev.rill.train.RunConfig;
import dev.rill.train.feature.CrossedColumn;
import dev.rill.train.feature.FeatureColumns;
import dev.rill.train.feature.NumericColumn;
import dev.rill.train.kernel.RandomFourierFeatureMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each canned estimator learns a small problem through train, evaluate and predict. */
class CannedEstimatorsTest {
  @TempDir
  Path dir;

  private static final NumericColumn A = FeatureColumns.numeric("a");
  private static final NumericColumn B = FeatureColumns.numeric("b");

  private RunConfig config(String name) {
    return RunConfig.of(dir.resolve(name), 42).withSaveSummarySteps(0);
  }

  private static List<Map<String, Tensor>> all(CannedEstimator m, Data d) {
    List<Map<String, Tensor>> rows = new ArrayList<>();
    m.predict(d.once()).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void linearClassifierLearnsBlobsWithTheBinaryMetrics() {
    LinearClassifier m = new LinearClassifier(LinearOptions.of(List.of(A, B)), config("lin"));
    assertThat(m.train(Data.blobs(400, 1).train(), 100)).isEqualTo(100);
    Map<String, Double> r = m.evaluate(Data.blobs(200, 2).once());
    assertThat(r.keySet()).containsExactlyInAnyOrder("accuracy", "accuracy_baseline", "auc",
        "auc_precision_recall", "average_loss", "label/mean", "loss", "precision",
        "prediction/mean", "recall", "global_step");
    assertThat(r.get("accuracy")).isGreaterThan(0.9);
    assertThat(r.get("auc")).isGreaterThan(0.95);
    assertThat(r.get("global_step")).isEqualTo(100.0);
    assertThat(m.variableNames()).contains("linear/linear_model/a/weights",
        "linear/linear_model/b/weights", "linear/linear_model/bias_weights", "global_step");

    List<Map<String, Tensor>> rows = all(m, Data.blobs(6, 3));
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).keySet()).contains("logits", "logistic", "probabilities",
        "class_ids", "classes");
  }

  @Test
  void linearClassifierWithThreeClassesUsesTheMultiClassHead() {
    LinearClassifier m = new LinearClassifier(LinearOptions.of(List.of(A, B)), 3, null,
        config("multi"));
    m.train(Data.classes(300, 3, 1).train(), 150);
    Map<String, Double> r = m.evaluate(Data.classes(150, 3, 2).once());
    assertThat(r.keySet()).containsExactlyInAnyOrder("accuracy", "average_loss", "loss",
        "global_step");
    assertThat(r.get("accuracy")).isGreaterThan(0.9);
    assertThat(m.variableValue("linear/linear_model/a/weights").shape()).isEqualTo(
        Shape.of(1, 3));
  }

  /** Rows of a [rows, units] float matrix that are not all {@code value}. */
  private static List<Integer> rowsNot(Tensor t, float value) {
    float[] v = t.toFloatArray();
    int units = t.shape().dim(1);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < t.shape().dim(0); i++) {
      for (int j = 0; j < units; j++) {
        if (v[i * units + j] != value) {
          out.add(i);
          break;
        }
      }
    }
    return out;
  }

  @Test
  void ftrlOverACrossedColumnUpdatesOnlyTheTouchedRows() {
    CrossedColumn cross = FeatureColumns.crossed(List.of("c1", "c2"), 1000);
    Map<String, Tensor> features = Map.of(
        "c1", Tensor.ofStrings(Shape.of(4, 1), "a", "b", "a", "a"),
        "c2", Tensor.ofStrings(Shape.of(4, 1), "x", "y", "x", "z"));
    Data d = new Data(features, Tensor.of(1, 0, 1, 0));
    LinearClassifier m = new LinearClassifier(LinearOptions.of(List.of(cross)), config("x"));
    m.train(d.once(), 1);
    String w = "linear/linear_model/c1_X_c2/weights";
    Tensor weights = m.variableValue(w);
    assertThat(weights.shape()).isEqualTo(Shape.of(1000, 1));
    List<Integer> touched = rowsNot(weights, 0f);
    assertThat(touched).hasSize(3);   // a_X_x, b_X_y, a_X_z
    assertThat(rowsNot(m.variableValue(w + "/Ftrl"), 0.1f)).isEqualTo(touched);
  }

  @Test
  void linearRegressorLossFalls() {
    Data train = Data.regression(400, 1, (a, b) -> 2 * a - b + 0.5);
    Data eval = Data.regression(100, 2, (a, b) -> 2 * a - b + 0.5);
    LinearRegressor m = new LinearRegressor(LinearOptions.of(List.of(A, B))
        .withOptimizer(new FtrlOptimizer(1.0)), config("reg"));
    m.train(train.train(), 5);
    double early = m.evaluate(eval.once()).get("average_loss");
    m.train(train.train(), 300);
    Map<String, Double> r = m.evaluate(eval.once());
    assertThat(r.keySet()).containsExactlyInAnyOrder("average_loss", "label/mean",
        "prediction/mean", "loss", "global_step");
    assertThat(r.get("average_loss")).isLessThan(early / 10).isLessThan(0.1);
    assertThat(all(m, Data.regression(3, 3, (a, b) -> 0)).get(0).keySet())
        .containsExactly("predictions");
  }

  @Test
  void weightColumnWeighsTheMetrics() {
    Data d = new Data(Map.of("a", Tensor.of(1f, 2f, 3f), "w", Tensor.of(1f, 1f, 0f)),
        Tensor.of(2f, 4f, 100f));
    LinearRegressor m = new LinearRegressor(LinearOptions.of(List.of(A)), 1, "w",
        config("w"));
    assertThat(m.evaluate(d.once()).get("label/mean")).isCloseTo(3.0, within(1e-6));
  }

  @Test
  void dnnClassifierLearnsXorWithTensorFlowsVariableNames() {
    DNNClassifier m = new DNNClassifier(DNNOptions.of(List.of(16, 16), List.of(A, B))
        .withOptimizer(new AdagradOptimizer(0.3)), config("dnn"));
    m.train(Data.labelled(600, 1, (a, b) -> a * b > 0 ? 1 : 0).train(), 400);
    Map<String, Double> r = m.evaluate(Data.labelled(200, 2, (a, b) -> a * b > 0 ? 1 : 0)
        .once());
    assertThat(r.get("accuracy")).isGreaterThan(0.9);
    assertThat(m.variableNames()).contains("dnn/hiddenlayer_0/kernel", "dnn/hiddenlayer_0/bias",
        "dnn/hiddenlayer_1/kernel", "dnn/logits/kernel", "dnn/logits/bias");
    assertThat(m.variableValue("dnn/hiddenlayer_0/kernel").shape()).isEqualTo(Shape.of(2, 16));
    assertThat(m.variableValue("dnn/logits/kernel").shape()).isEqualTo(Shape.of(16, 1));
  }

  @Test
  void dnnRegressorWithDropoutLossFalls() {
    Data train = Data.regression(400, 1, (a, b) -> a * a);
    Data eval = Data.regression(100, 2, (a, b) -> a * a);
    DNNRegressor m = new DNNRegressor(DNNOptions.of(List.of(16), List.of(A, B))
        .withDropout(0.1).withOptimizer(new AdagradOptimizer(0.2)), config("dnnreg"));
    m.train(train.train(), 5);
    double early = m.evaluate(eval.once()).get("average_loss");
    m.train(train.train(), 300);
    assertThat(m.evaluate(eval.once()).get("average_loss")).isLessThan(early / 3);
  }

  @Test
  void combinedClassifierTrainsBothPartsInOneStep() {
    Data d = Data.blobs(300, 1);
    // a string feature that agrees with the label 80% of the time
    String[] tag = new String[300];
    int[] y = d.labels().toIntArray();
    for (int i = 0; i < y.length; i++) {
      tag[i] = (y[i] == 1) == (i % 5 != 0) ? "pos" : "neg";
    }
    Data train = d.with("tag", Tensor.ofStrings(Shape.of(300, 1), tag));
    CrossedColumn cross = FeatureColumns.crossed(List.of("tag", "tag2"), 50);
    Data withTag2 = train.with("tag2", Tensor.ofStrings(Shape.of(300, 1), tag));
    DNNLinearCombinedClassifier m = new DNNLinearCombinedClassifier(
        LinearOptions.of(List.of(FeatureColumns.categoricalWithHashBucket("tag", 10), cross))
            .withOptimizer(new FtrlOptimizer(0.2)),
        DNNOptions.of(List.of(8), List.of(A, B)).withOptimizer(new AdagradOptimizer(0.2)),
        config("wide"));
    assertThat(m.train(withTag2.train(), 60)).isEqualTo(60);
    Map<String, Double> r = m.evaluate(withTag2.once());
    assertThat(r.get("global_step")).isEqualTo(60.0);
    assertThat(r.get("accuracy")).isGreaterThan(0.9);
    assertThat(rowsNot(m.variableValue("linear/linear_model/tag/weights"), 0f)).isNotEmpty();
    assertThat(m.variableNames()).contains("dnn/hiddenlayer_0/kernel", "dnn/logits/kernel",
        "linear/linear_model/bias_weights", "linear/linear_model/tag/weights/Ftrl",
        "dnn/logits/kernel/Adagrad");
  }

  @Test
  void combinedRegressorLossFalls() {
    Data train = Data.regression(400, 1, (a, b) -> a - b);
    DNNLinearCombinedRegressor m = new DNNLinearCombinedRegressor(
        LinearOptions.of(List.of(A, B)).withOptimizer(new FtrlOptimizer(0.5)),
        DNNOptions.of(List.of(8), List.of(A, B)).withOptimizer(new AdagradOptimizer(0.1)),
        config("widereg"));
    m.train(train.train(), 5);
    double early = m.evaluate(train.once()).get("average_loss");
    m.train(train.train(), 200);
    assertThat(m.evaluate(train.once()).get("average_loss")).isLessThan(early / 5);
  }

  @Test
  void kernelLinearClassifierSeparatesADisc() {
    double r2 = 8 / Math.PI;   // half the square inside
    Data train = Data.labelled(600, 1, (a, b) -> a * a + b * b < r2 ? 1 : 0);
    Data eval = Data.labelled(200, 2, (a, b) -> a * a + b * b < r2 ? 1 : 0);
    NumericColumn x = FeatureColumns.numeric("x", 2);
    KernelLinearClassifier m = new KernelLinearClassifier(
        LinearOptions.of(List.of()).withOptimizer(new FtrlOptimizer(1.0)),
        Map.of(x, List.of(new RandomFourierFeatureMapper(2, 200, 1.0, 3))), config("kernel"));
    m.train(train.train(), 300);
    assertThat(m.evaluate(eval.once()).get("accuracy")).isGreaterThan(0.9);
    assertThat(m.variableValue("linear/linear_model/x_rffm/weights").shape())
        .isEqualTo(Shape.of(200, 1));
  }

  @Test
  void aNewEstimatorOnTheSameDirectoryResumes() {
    Data d = Data.blobs(200, 1);
    LinearOptions opts = LinearOptions.of(List.of(A, B));
    LinearClassifier first = new LinearClassifier(opts, config("resume"));
    assertThat(first.train(d.train(), 5)).isEqualTo(5);
    float accumulator = first.variableValue("linear/linear_model/a/weights/Ftrl").getFloat(0, 0);
    LinearClassifier second = new LinearClassifier(opts, config("resume"));
    assertThat(second.train(d.train(), 5)).isEqualTo(10);
    assertThat(second.evaluate(d.once()).get("global_step")).isEqualTo(10.0);
    // the accumulator kept growing from where the first run left it
    assertThat(second.variableValue("linear/linear_model/a/weights/Ftrl").getFloat(0, 0))
        .isGreaterThan(accumulator);
  }

  @Test
  void badArgumentsFailAtConstruction() {
    RunConfig c = config("bad");
    assertThatThrownBy(() -> new LinearClassifier(LinearOptions.of(List.of()), c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinearClassifier(LinearOptions.of(List.of(A)), 1, null, c))
        .hasMessageContaining("n_classes");
    assertThatThrownBy(() -> new DNNLinearCombinedClassifier(null, null, c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KernelLinearClassifier(LinearOptions.of(List.of()),
        Map.of(A, List.of(new RandomFourierFeatureMapper(2, 10, 1.0, 1))), c))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> DNNOptions.of(List.of(4), List.of(A)).withDropout(1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsFollowTensorFlow() {
    assertThat(LinearOptions.of(List.of(A)).optimizerOrDefault(LinearOptions.LINEAR_LEARNING_RATE,
        100).learningRate().at(0)).isCloseTo(0.1, within(1e-12));
    assertThat(LinearOptions.of(List.of(A)).optimizerOrDefault(LinearOptions.LINEAR_LEARNING_RATE,
        2).learningRate().at(0)).isCloseTo(0.2, within(1e-12));
    DNNOptions dnn = DNNOptions.of(List.of(4), List.of(A));
    assertThat(dnn.optimizerOrDefault(DNNOptions.DNN_LEARNING_RATE))
        .isInstanceOf(AdagradOptimizer.class);
    assertThat(dnn.optimizerOrDefault(DNNOptions.DNN_LEARNING_RATE).learningRate().at(0))
        .isCloseTo(0.05, within(1e-12));
  }
}
