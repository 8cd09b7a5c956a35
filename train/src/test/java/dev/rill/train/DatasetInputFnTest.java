package dev.rill.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.Pair;
import dev.rill.io.checkpoint.CheckpointManager;
import dev.rill.io.checkpoint.CheckpointReader;
import dev.rill.train.input.DatasetInputFn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training from a Dataset, resumed in the same epoch of the same pass. */
class DatasetInputFnTest {
  @TempDir
  Path dir;

  private static final Map<String, Tensor> DATA = EstimatorTest.blobs(100, 11);

  /**
   * 100 shuffled examples in batches of 20: 5 batches an epoch. A new object every call, as a new
   * process would build it.
   */
  private static DatasetInputFn<Pair<Tensor, Tensor>> input(boolean repeat) {
    Dataset<Pair<Tensor, Tensor>> d = Dataset.zip(Dataset.fromTensorSlices(DATA.get("x")),
            Dataset.fromTensorSlices(DATA.get("y")))
        .shuffle(100, 9).batch(20);
    return DatasetInputFn.fromPairs(repeat ? d.repeat() : d, "x");
  }

  /** The linear model, recording the labels of every training batch it sees. */
  private static ModelFn recording(List<String> batches) {
    return (f, labels, mode, p) -> {
      if (mode == ModeKeys.TRAIN) {
        batches.add(Arrays.toString(labels.toIntArray()));
      }
      return EstimatorTest.linearModel(f, labels, mode, p);
    };
  }

  private static Map<String, float[]> variables(Estimator e) throws IOException {
    try (CheckpointReader r = CheckpointReader.open(Path.of(e.latestCheckpoint()))) {
      return Map.of("kernel", r.read("linear/kernel").toFloatArray(),
          "bias", r.read("linear/bias").toFloatArray());
    }
  }

  private static long counter(Estimator e, String name) throws IOException {
    try (CheckpointReader r = CheckpointReader.open(Path.of(e.latestCheckpoint()))) {
      return r.read(name).longValue();
    }
  }

  @Test
  void aRepeatedDatasetResumedInAFreshEstimatorMatchesOneRun() throws IOException {
    List<String> seenA = new ArrayList<>();
    Estimator a = new Estimator(recording(seenA), RunConfig.of(dir.resolve("a"), 1));
    assertThat(a.train(input(true), 14, List.of())).isEqualTo(14);

    // the interrupted run crosses the epoch boundary after batch 5 and stops inside epoch 2
    List<String> seenB = new ArrayList<>();
    RunConfig b = RunConfig.of(dir.resolve("b"), 1);
    assertThat(new Estimator(recording(seenB), b).train(input(true), 7, List.of())).isEqualTo(7);
    Estimator resumed = new Estimator(recording(seenB), b);
    assertThat(resumed.train(input(true), 7, List.of())).isEqualTo(14);

    assertThat(seenB).isEqualTo(seenA);
    // each repetition is shuffled anew, so the test would see a wrong resume
    assertThat(seenA.subList(5, 10)).isNotEqualTo(seenA.subList(0, 5));
    Map<String, float[]> va = variables(a);
    Map<String, float[]> vb = variables(resumed);
    assertThat(vb.get("kernel")).isEqualTo(va.get("kernel"));
    assertThat(vb.get("bias")).isEqualTo(va.get("bias"));
  }

  @Test
  void oneEpochCallsResumeInTheEpochTheyStoppedIn() throws IOException {
    // checkpoints on every epoch's last step: the pass's end must still reach them
    List<String> seenA = new ArrayList<>();
    Estimator a = new Estimator(recording(seenA),
        RunConfig.of(dir.resolve("a"), 1).withSaveCheckpointsSteps(5));
    DatasetInputFn<Pair<Tensor, Tensor>> oneInput = input(false);
    assertThat(a.train(oneInput, -1, List.of())).isEqualTo(5);
    assertThat(a.train(oneInput, -1, List.of())).isEqualTo(10);
    assertThat(a.train(oneInput, -1, List.of())).isEqualTo(15);

    List<String> seenB = new ArrayList<>();
    RunConfig b = RunConfig.of(dir.resolve("b"), 1).withSaveCheckpointsSteps(5);
    Estimator first = new Estimator(recording(seenB), b);
    assertThat(first.train(input(false), -1, List.of())).isEqualTo(5);
    assertThat(first.train(input(false), 3, List.of())).isEqualTo(8);
    assertThat(counter(first, InputPosition.EPOCH)).isEqualTo(1);
    assertThat(counter(first, InputPosition.BATCHES)).isEqualTo(3);
    // a new process: fresh Estimator and fresh Dataset, whose own epoch count starts at 0
    Estimator second = new Estimator(recording(seenB), b);
    assertThat(second.train(input(false), -1, List.of())).isEqualTo(10);
    assertThat(second.train(input(false), -1, List.of())).isEqualTo(15);
    assertThat(counter(second, InputPosition.EPOCH)).isEqualTo(3);
    assertThat(counter(second, InputPosition.BATCHES)).isZero();

    assertThat(seenB).isEqualTo(seenA);
    assertThat(seenA.subList(5, 10)).isNotEqualTo(seenA.subList(0, 5));
    assertThat(variables(second).get("kernel")).isEqualTo(variables(a).get("kernel"));
  }

  @Test
  void aPassThatEndsExactlyAtTheStepLimitStartsTheNextPassNextTime() {
    Estimator e = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir, 1));
    assertThat(e.train(input(false), 5, List.of())).isEqualTo(5);
    // not an empty rest of epoch 0: a whole epoch 1
    assertThat(e.train(input(false), -1, List.of())).isEqualTo(10);
  }

  @Test
  void aCheckpointWrittenBeforeTheEpochWasKeptResumesAsBefore() throws IOException {
    var data = EstimatorTest.blobs(100, 12);
    Estimator a = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir.resolve("a"), 1));
    a.train(EstimatorTest.input(data, 0), 12, List.of());

    Estimator b = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir.resolve("b"), 1));
    b.train(EstimatorTest.input(data, 0), 7, List.of());
    // the same checkpoint as an older Rill wrote it: no input_position/epoch
    Map<String, Tensor> old =
        new HashMap<>(CheckpointManager.restore(Path.of(b.latestCheckpoint())));
    assertThat(old.remove(InputPosition.EPOCH)).isNotNull();
    new CheckpointManager(dir.resolve("c"), "model.ckpt", 5).save(7, old);

    Estimator c = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir.resolve("c"), 1));
    assertThat(c.train(EstimatorTest.input(data, 0), 5, List.of())).isEqualTo(12);
    assertThat(variables(c).get("kernel")).isEqualTo(variables(a).get("kernel"));
    assertThat(variables(c).get("bias")).isEqualTo(variables(a).get("bias"));
  }

  /** Endless batches of the blobs whose iterator notes when it is closed. */
  private static final class Endless implements Iterable<Pair<Tensor, Tensor>> {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public Iterator<Pair<Tensor, Tensor>> iterator() {
      opened.incrementAndGet();
      return new Closing();
    }

    private final class Closing implements Iterator<Pair<Tensor, Tensor>>, AutoCloseable {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Pair<Tensor, Tensor> next() {
        return Pair.of(DATA.get("x"), DATA.get("y"));
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    }
  }

  @Test
  void trainAndEvaluateCloseTheDatasetsIteratorWhenTheyStopEarly() {
    Endless endless = new Endless();
    var fn = DatasetInputFn.fromPairs(Dataset.fromIterable(endless), "x");
    Estimator e = new Estimator(EstimatorTest::linearModel, RunConfig.of(dir, 1));
    assertThat(e.train(fn, 3, List.of())).isEqualTo(3);
    assertThat(endless.opened.get()).isEqualTo(1);
    assertThat(endless.closed.get()).isEqualTo(1);
    assertThat(e.evaluate(fn, 2).get("global_step")).isEqualTo(3.0);
    assertThat(endless.opened.get()).isEqualTo(2);
    assertThat(endless.closed.get()).isEqualTo(2);
  }
}
