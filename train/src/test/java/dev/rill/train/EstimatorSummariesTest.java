package dev.rill.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Tensor;
import dev.rill.core.ops.ReduceOps;
import dev.rill.io.events.EventFileReader;
import dev.rill.io.events.ScalarEvent;
import dev.rill.io.proto.Event;
import dev.rill.io.proto.Summary;
import dev.rill.nn.Scope;
import dev.rill.train.hooks.Hook;
import dev.rill.train.hooks.StepResult;
import dev.rill.train.hooks.SummarySaverHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorBoard event files written by {@code train} and {@code evaluate}, read back. */
class EstimatorSummariesTest {
  @TempDir
  Path dir;

  /** The linear model of EstimatorTest, plus summaries of its own; notes when they are active. */
  private static final class SummarizingModel implements ModelFn {
    final List<Boolean> active = new ArrayList<>();

    @Override
    public EstimatorSpec apply(Map<String, Tensor> features, Tensor labels, ModeKeys mode,
        Map<String, Object> params) {
      EstimatorSpec spec = EstimatorTest.linearModel(features, labels, mode, params);
      if (mode == ModeKeys.TRAIN) {
        active.add(Summaries.active());
        Tensor kernel = Scope.current().store().get("linear/kernel").value();
        Summaries.scalar("kernel_sum", ReduceOps.sum(kernel));
        Summaries.histogram("kernel", kernel);
        // the batch's points as a 1x2 grey image each
        Tensor x = features.get("x");
        Summaries.image("points", x.reshape(x.shape().dim(0), 1, 2, 1), 1);
        Summaries.text("note", "step summary");
      }
      return spec;
    }
  }

  /** Records each step's loss, in step order. */
  private static final class LossRecorder implements Hook {
    final Map<Long, Float> losses = new TreeMap<>();

    @Override
    public void afterStep(StepResult step) {
      losses.put(step.globalStep(), step.loss().floatValue());
    }
  }

  private static List<Event> events(Path logDir) throws IOException {
    List<Event> all = new ArrayList<>();
    for (Path f : EventFileReader.eventFiles(logDir)) {
      all.addAll(EventFileReader.readAll(f));
    }
    return all;
  }

  private static List<ScalarEvent> scalars(Path logDir, String tag) throws IOException {
    List<ScalarEvent> out = new ArrayList<>();
    for (Event e : events(logDir)) {
      ScalarEvent.of(e).stream().filter(s -> s.tag().equals(tag)).forEach(out::add);
    }
    return out;
  }

  /** Steps at which a summary value with {@code tag} was written. */
  private static List<Long> steps(Path logDir, String tag) throws IOException {
    List<Long> out = new ArrayList<>();
    for (Event e : events(logDir)) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getTag().equals(tag)) {
          out.add(e.getStep());
        }
      }
    }
    return out;
  }

  @Test
  void trainWritesLossSpeedAndTheModelsSummariesOnSummarySteps() throws IOException {
    SummarizingModel model = new SummarizingModel();
    LossRecorder recorder = new LossRecorder();
    Estimator est = new Estimator(model, RunConfig.of(dir, 3).withSaveSummarySteps(3));
    est.train(EstimatorTest.input(EstimatorTest.blobs(100, 1), 0), 7, List.of(recorder));

    assertThat(EventFileReader.eventFiles(dir)).hasSize(1);
    List<ScalarEvent> loss = scalars(dir, "loss");
    assertThat(loss).extracting(ScalarEvent::step).containsExactly(1L, 4L, 7L);
    for (ScalarEvent s : loss) {
      assertThat(s.value()).isEqualTo((double) recorder.losses.get(s.step()));
    }
    List<ScalarEvent> speed = scalars(dir, "global_step/sec");
    assertThat(speed).extracting(ScalarEvent::step).containsExactly(4L, 7L);
    assertThat(speed).allSatisfy(s -> assertThat(s.value()).isPositive());
    assertThat(scalars(dir, "kernel_sum")).extracting(ScalarEvent::step)
        .containsExactly(1L, 4L, 7L);
    assertThat(steps(dir, "kernel")).containsExactly(1L, 4L, 7L);
    assertThat(steps(dir, "points/image")).containsExactly(1L, 4L, 7L);
    assertThat(steps(dir, "note")).containsExactly(1L, 4L, 7L);
    // the model's summary calls were collected on the summary steps only
    assertThat(model.active).containsExactly(true, false, false, true, false, false, true);

    // a second call writes a second file, starting again at its first step
    est.train(EstimatorTest.input(EstimatorTest.blobs(100, 1), 0), 2, List.of(recorder));
    assertThat(EventFileReader.eventFiles(dir)).hasSize(2);
    assertThat(scalars(dir, "loss")).extracting(ScalarEvent::step)
        .containsExactlyInAnyOrder(1L, 4L, 7L, 8L);
  }

  @Test
  void theWrittenKernelSumIsThatOfTheStep() throws IOException {
    List<Float> sums = new ArrayList<>();
    ModelFn model = (f, l, mode, p) -> {
      EstimatorSpec spec = EstimatorTest.linearModel(f, l, mode, p);
      Tensor sum = ReduceOps.sum(Scope.current().store().get("linear/kernel").value());
      sums.add(sum.floatValue());
      Summaries.scalar("kernel_sum", sum);
      return spec;
    };
    new Estimator(model, RunConfig.of(dir, 3).withSaveSummarySteps(2))
        .train(EstimatorTest.input(EstimatorTest.blobs(100, 2), 0), 5, List.of());
    assertThat(scalars(dir, "kernel_sum")).extracting(ScalarEvent::value)
        .containsExactly((double) sums.get(0), (double) sums.get(2), (double) sums.get(4));
  }

  @Test
  void evaluateWritesItsMetricsAtTheEvaluatedStepUnderEval() throws IOException {
    var data = EstimatorTest.blobs(100, 3);
    Estimator est = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir, 3));
    est.train(EstimatorTest.input(data, 0), 6, List.of());
    Map<String, Double> result = est.evaluate(EstimatorTest.input(data, 1), 0);

    Path eval = dir.resolve(Estimator.EVAL_DIR);
    assertThat(EventFileReader.eventFiles(eval)).hasSize(1);
    Map<String, ScalarEvent> written = new LinkedHashMap<>();
    for (ScalarEvent s : EventFileReader.scalars(EventFileReader.eventFiles(eval).get(0))) {
      written.put(s.tag(), s);
    }
    assertThat(written.keySet()).containsExactlyInAnyOrder("accuracy", "loss");
    for (ScalarEvent s : written.values()) {
      assertThat(s.step()).isEqualTo(6L);
      // stored as float32, as TensorFlow stores simple values
      assertThat(s.value()).isEqualTo((double) (float) (double) result.get(s.tag()));
    }
    // training's files stay apart from evaluation's
    assertThat(scalars(dir, "accuracy")).isEmpty();
  }

  @Test
  void noSummaryStepsMeansNoTrainingEventFile() throws IOException {
    SummarizingModel model = new SummarizingModel();
    new Estimator(model, RunConfig.of(dir, 3).withSaveSummarySteps(0))
        .train(EstimatorTest.input(EstimatorTest.blobs(40, 1), 0), 3, List.of());
    assertThat(EventFileReader.eventFiles(dir)).isEmpty();
    assertThat(model.active).containsExactly(false, false, false);
  }

  @Test
  void anExtraSummaryHookWritesWhereItIsTold() throws IOException {
    Path extra = dir.resolve("extra");
    SummarySaverHook hook = new SummarySaverHook(1, extra);
    new Estimator(new SummarizingModel(), RunConfig.of(dir.resolve("m"), 3))
        .train(EstimatorTest.input(EstimatorTest.blobs(40, 1), 0), 3, List.of(hook));
    assertThat(hook.file().getParent()).isEqualTo(extra);
    assertThat(scalars(extra, "kernel_sum")).extracting(ScalarEvent::step)
        .containsExactly(1L, 2L, 3L);
    // the default hook (every 100 steps) wrote only the first step
    assertThat(scalars(dir.resolve("m"), "kernel_sum")).extracting(ScalarEvent::step)
        .containsExactly(1L);
  }

  @Test
  void theEventFileIsClosedWhenTrainingFails() throws IOException {
    ModelFn failing = (f, l, mode, p) -> {
      if (Scope.current().store().globalStep().value().longValue() >= 2) {
        throw new IllegalStateException("boom");
      }
      return EstimatorTest.linearModel(f, l, mode, p);
    };
    Estimator est = new Estimator(failing, RunConfig.of(dir, 3).withSaveSummarySteps(1));
    assertThatThrownBy(() -> est.train(EstimatorTest.input(EstimatorTest.blobs(40, 1), 0), 5,
        List.of())).hasMessage("boom");
    assertThat(scalars(dir, "loss")).extracting(ScalarEvent::step).containsExactly(1L, 2L);
  }

  @Test
  void summariesOutsideATrainingStepDoNothingButCheckTheirArguments() {
    assertThat(Summaries.active()).isFalse();
    Summaries.scalar("x", 1.0);
    Summaries.histogram("h", Tensor.of(1f, 2f));
    assertThatThrownBy(() -> Summaries.scalar("v", Tensor.of(1f, 2f)))
        .hasMessageContaining("'v' must have one element");
    assertThatThrownBy(() -> Summaries.scalar("", 1.0)).hasMessageContaining("non-empty name");
    assertThat(Files.exists(dir.resolve("anything"))).isFalse();
  }

  @Test
  void runConfigKeepsItsOldConstructorWithTensorFlowsSummaryDefault() {
    RunConfig c = new RunConfig(dir, 0, 600, 5, 100, 1);
    assertThat(c.saveSummarySteps()).isEqualTo(100);
    assertThat(RunConfig.of(dir, 1).saveSummarySteps()).isEqualTo(100);
    assertThat(RunConfig.of(dir, 1).withSaveCheckpointsSteps(10).withSaveSummarySteps(7)
        .saveSummarySteps()).isEqualTo(7);
    assertThatThrownBy(() -> RunConfig.of(dir, 1).withSaveSummarySteps(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
