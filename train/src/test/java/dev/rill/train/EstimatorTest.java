package dev.rill.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.LinalgOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.io.checkpoint.CheckpointReader;
import dev.rill.nn.Scope;
import dev.rill.nn.metrics.Accuracy;
import dev.rill.nn.optimizers.GradientDescentOptimizer;
import dev.rill.train.hooks.LoggingTensorHook;
import dev.rill.train.hooks.NanTensorHook;
import dev.rill.train.hooks.StepCounterHook;
import dev.rill.train.hooks.StopAtStepHook;
import dev.rill.train.input.NumpyInputFn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorTest {
  @TempDir
  Path dir;

  /** Two Gaussian blobs in 2-D, labelled 0 and 1: a logistic regression separates them. */
  static Map<String, Tensor> blobs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * 2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      float c = y[i] == 0 ? -1f : 1f;
      x[2 * i] = c + (float) (0.5 * r.nextGaussian());
      x[2 * i + 1] = c + (float) (0.5 * r.nextGaussian());
    }
    return Map.of("x", Tensor.of(Shape.of(n, 2), x), "y", Tensor.of(y));
  }

  /** A linear classifier written as the tutorial's model functions are. */
  static EstimatorSpec linearModel(Map<String, Tensor> features, Tensor labels, ModeKeys mode,
      Map<String, Object> params) {
    var store = Scope.current().store();
    Variable w = store.getOrCreate("linear/kernel", Shape.of(2, 2), DType.FLOAT32,
        () -> ArrayOps.zeros(Shape.of(2, 2), DType.FLOAT32), true);
    Variable b = store.getOrCreate("linear/bias", Shape.of(2), DType.FLOAT32,
        () -> ArrayOps.zeros(Shape.of(2), DType.FLOAT32), true);
    Tensor logits = LinalgOps.matmul(features.get("x"), w.value()).add(b.value())
        .mul(((Number) params.getOrDefault("logitScale", 1f)).floatValue());
    Tensor probabilities = StepTensors.name("softmax_tensor", NnOps.softmax(logits));
    Tensor classes = ReduceOps.argMax(logits, 1);
    if (mode == ModeKeys.PREDICT) {
      return EstimatorSpec.predict(Map.of("classes", classes, "probabilities", probabilities));
    }
    Tensor loss = ReduceOps.mean(NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, logits));
    if (mode == ModeKeys.TRAIN) {
      double lr = ((Number) params.getOrDefault("lr", 0.5)).doubleValue();
      return EstimatorSpec.train(loss, new GradientDescentOptimizer(lr).minimize(loss));
    }
    Accuracy accuracy = EvalMetrics.get("accuracy", Accuracy::new);
    accuracy.update(labels, classes);
    return EstimatorSpec.eval(loss, Map.of("accuracy", accuracy));
  }

  static InputFn input(Map<String, Tensor> data, int epochs) {
    return NumpyInputFn.builder(Map.of("x", data.get("x")), data.get("y")).batchSize(20)
        .numEpochs(epochs).shuffle(7).build();
  }

  @Test
  void trainsEvaluatesAndPredictsThroughCheckpoints() throws Exception {
    var data = blobs(200, 1);
    Estimator est = new Estimator(EstimatorTest::linearModel,
        RunConfig.of(dir, 42).withSaveCheckpointsSteps(10));
    Map<String, Double> before = est.evaluate(input(data, 1), 0);
    assertThat(before.get("global_step")).isZero();
    assertThat(before.get("loss")).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-6));

    assertThat(est.train(input(data, 0), 30, List.of())).isEqualTo(30);
    assertThat(Files.exists(dir.resolve("checkpoint"))).isTrue();
    assertThat(Files.exists(dir.resolve("model.ckpt-30.index"))).isTrue();
    assertThat(Files.exists(dir.resolve("model.ckpt-30.data-00000-of-00001"))).isTrue();
    try (CheckpointReader r = CheckpointReader.open(dir.resolve("model.ckpt-30"))) {
      assertThat(r.names()).contains("global_step", "linear/kernel", "linear/bias");
      assertThat(r.read("global_step").longValue()).isEqualTo(30);
    }

    Map<String, Double> after = est.evaluate(input(blobs(100, 2), 1), 0);
    assertThat(after.get("global_step")).isEqualTo(30.0);
    assertThat(after.get("accuracy")).isGreaterThan(0.95);
    assertThat(after.get("loss")).isLessThan(0.2);

    Iterator<Map<String, Tensor>> preds = est.predict(
        NumpyInputFn.builder(Map.of("x", Tensor.of(new float[][] {{-2, -2}, {2, 2}, {-1, -1}})),
            null).batchSize(2).noShuffle().build());
    List<Long> classes = new ArrayList<>();
    preds.forEachRemaining(p -> {
      assertThat(p.get("probabilities").shape()).isEqualTo(Shape.of(2));
      classes.add(p.get("classes").longValue());
    });
    assertThat(classes).containsExactly(0L, 1L, 0L);
  }

  @Test
  void predictionsAndVariablesOutliveTheBatchWhoseArraysTheNextBatchReuses() {
    // rows long enough for the buffer pool: a row or a variable handed back too early would be
    // overwritten by the next batch's intermediates
    int width = BufferPool.MIN_LENGTH + 5;
    int examples = 6;
    float[] x = new float[examples * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 1000;
    }
    ModelFn model = (features, labels, mode, params) -> {
      Variable scale = Scope.current().store().getOrCreate("scale", Shape.of(width),
          DType.FLOAT32, () -> ArrayOps.zeros(Shape.of(width), DType.FLOAT32).add(3f), false);
      Tensor shifted = features.get("x").add(1f);
      return EstimatorSpec.predict(Map.of("y", shifted.mul(scale.value())));
    };
    Iterator<Map<String, Tensor>> preds = new Estimator(model, RunConfig.of(dir, 1)).predict(
        NumpyInputFn.builder(Map.of("x", Tensor.of(Shape.of(examples, width), x)), null)
            .batchSize(2).noShuffle().build());
    List<float[]> rows = new ArrayList<>();
    preds.forEachRemaining(p -> rows.add(p.get("y").floatData()));
    assertThat(rows).hasSize(examples);
    for (int r = 0; r < examples; r++) {
      float[] expected = new float[width];
      for (int i = 0; i < width; i++) {
        expected[i] = (x[r * width + i] + 1f) * 3f;
      }
      assertThat(rows.get(r)).as("row %d", r).containsExactly(expected);
    }
  }

  @Test
  void trainingResumesFromTheNewestCheckpointAndStopsAtMaxSteps() {
    var data = blobs(100, 3);
    RunConfig config = RunConfig.of(dir, 42).withSaveCheckpointsSteps(5);
    new Estimator(EstimatorTest::linearModel, config).train(input(data, 0), 12, List.of());
    Estimator again = new Estimator(EstimatorTest::linearModel, config);
    assertThat(again.latestCheckpoint()).endsWith("model.ckpt-12");
    assertThat(again.train(input(data, 0), -1, 20, List.of())).isEqualTo(20);
    // nothing left to do: max steps reached
    assertThat(again.train(input(data, 0), -1, 20, List.of())).isEqualTo(20);
    // the input's end stops training too: 5 batches of 20
    assertThat(again.train(input(data, 1), 100, List.of())).isEqualTo(25);
  }

  @Test
  void anInterruptedRunContinuesAsAnUninterruptedOne() {
    var data = blobs(100, 4);
    InputFn noShuffle = NumpyInputFn.builder(Map.of("x", data.get("x")), data.get("y"))
        .batchSize(100).forever().noShuffle().build();
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    new Estimator(EstimatorTest::linearModel, RunConfig.of(a, 1)).train(noShuffle, 20, List.of());
    Estimator split = new Estimator(EstimatorTest::linearModel, RunConfig.of(b, 1));
    split.train(noShuffle, 8, List.of());
    split.train(noShuffle, 12, List.of());
    Map<String, Double> ea = new Estimator(EstimatorTest::linearModel, RunConfig.of(a, 1))
        .evaluate(input(data, 1), 0);
    Map<String, Double> eb = split.evaluate(input(data, 1), 0);
    assertThat(eb).isEqualTo(ea);
  }

  @Test
  void aResumedRunContinuesItsShuffledInputWhereItStopped() {
    var data = blobs(100, 5);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    // 5 batches per epoch: the split falls inside the second epoch
    new Estimator(EstimatorTest::linearModel, RunConfig.of(a, 1)).train(input(data, 0), 20,
        List.of());
    new Estimator(EstimatorTest::linearModel, RunConfig.of(b, 1)).train(input(data, 0), 7,
        List.of());
    new Estimator(EstimatorTest::linearModel, RunConfig.of(b, 1)).train(input(data, 0), 13,
        List.of());
    Map<String, Double> ea = new Estimator(EstimatorTest::linearModel, RunConfig.of(a, 1))
        .evaluate(input(data, 1), 0);
    Map<String, Double> eb = new Estimator(EstimatorTest::linearModel, RunConfig.of(b, 1))
        .evaluate(input(data, 1), 0);
    assertThat(eb).isEqualTo(ea);
    assertThat(eb.get("global_step")).isEqualTo(20.0);
  }

  @Test
  void anInputRunToItsEndStartsAfreshInTheNextTrainCall() {
    var data = blobs(100, 6);
    Estimator e = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir, 1));
    // one epoch per call, as the census tutorial's loop: each call trains all 5 batches
    assertThat(e.train(input(data, 1), -1, List.of())).isEqualTo(5);
    assertThat(e.train(input(data, 1), -1, List.of())).isEqualTo(10);
    // cut short, then continued: 3 + 2 batches finish the third epoch
    assertThat(e.train(input(data, 1), 3, List.of())).isEqualTo(13);
    assertThat(e.train(input(data, 1), -1, List.of())).isEqualTo(15);
  }

  @Test
  void hooksLogCountStopAndGuardAgainstNaN() {
    var data = blobs(100, 5);
    RunConfig config = RunConfig.of(dir, 42).withLogStepCountSteps(2);
    LoggingTensorHook logging = new LoggingTensorHook(Map.of("probabilities", "softmax_tensor"), 3);
    StepCounterHook counter = new StepCounterHook(2);
    long step = new Estimator(EstimatorTest::linearModel, config)
        .train(input(data, 0), 100, List.of(logging, counter, StopAtStepHook.lastStep(7)));
    assertThat(step).isEqualTo(7);
    assertThat(logging.lastLine()).startsWith("probabilities = Tensor(");
    assertThat(counter.lastRate()).isPositive();
    assertThat(counter.examplesPerSecond()).isPositive();

    Estimator diverging = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir.resolve("nan"), 1),
        Map.of("logitScale", Float.NaN));
    assertThatThrownBy(() -> diverging.train(input(data, 0), 10, List.of(new NanTensorHook())))
        .isInstanceOf(NanTensorHook.NanLossException.class)
        .hasMessageContaining("NaN loss during training at step 1");
    assertThatThrownBy(() -> new Estimator(EstimatorTest::linearModel, config)
        .train(input(data, 0), 10, List.of(new LoggingTensorHook(Map.of("p", "nope"), 1))))
        .hasMessageContaining("no tensor named 'nope'").hasMessageContaining("softmax_tensor");
  }

  @Test
  void aModelFunctionWithoutATrainOpIsRejected() {
    Estimator est = new Estimator((f, l, m, p) -> EstimatorSpec.eval(Tensor.scalar(1f), Map.of()),
        RunConfig.of(dir, 1));
    assertThatThrownBy(() -> est.train(input(blobs(20, 1), 1), 1, List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("train op");
  }

  @Test
  void evaluationNeedsNoGradientsAndRunsInInferenceMode() {
    List<Boolean> training = new ArrayList<>();
    Estimator est = new Estimator((f, l, m, p) -> {
      training.add(Scope.current().training());
      assertThat(Scope.current().tape()).isNull();
      return EstimatorSpec.eval(MathOps.cast(ReduceOps.sum(l), DType.FLOAT32), Map.of());
    }, RunConfig.of(dir, 1));
    Map<String, Double> r = est.evaluate(input(blobs(40, 1), 1), 1);
    assertThat(training).containsExactly(false);
    assertThat(r).containsKeys("loss", "global_step");
  }
}
