package dev.rill.train;

import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.io.events.SummaryWriter;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.metrics.Metric;
import dev.rill.train.hooks.CheckpointSaverHook;
import dev.rill.train.hooks.Hook;
import dev.rill.train.hooks.HookContext;
import dev.rill.train.hooks.StepResult;
import dev.rill.train.hooks.StepSummary;
import dev.rill.train.hooks.SummarySaverHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains, evaluates and predicts with a model function, keeping the model in checkpoints in
 * {@code modelDir}, as {@code tf.estimator.Estimator}. {@code train} resumes from the newest
 * checkpoint; {@code evaluate} and {@code predict} restore it.
 *
 * {@snippet :
 * Estimator classifier = new Estimator(MnistCnn::modelFn, RunConfig.of(Path.of("model"), 42));
 * classifier.train(trainInput, 20000, List.of(new LoggingTensorHook(
 *     Map.of("probabilities", "softmax_tensor"), 50)));
 * Map<String, Double> result = classifier.evaluate(evalInput, 0);
 * }
 *
 * <p>TensorBoard reads what it writes: {@code train} writes {@code loss}, {@code global_step/sec}
 * and the model's {@link Summaries} every {@link RunConfig#saveSummarySteps()} steps to an event
 * file in {@code modelDir}, and {@code evaluate} writes its metrics at the evaluated global step
 * to one in {@code modelDir/eval} (point TensorBoard at {@code modelDir}).
 *
 * <p>Each step runs the model function eagerly inside a {@link Scope} (the model's variable
 * store, the mode, a random stream keyed by the global step so a resumed run draws what an
 * uninterrupted one would) and, when training, a {@link GradientTape} the optimizer reads.
 */
public final class Estimator {
  private static final Logger LOG = LoggerFactory.getLogger(Estimator.class);
  /** Random numbers each step may draw before the next step's stream begins. */
  private static final long COUNTERS_PER_STEP = 1L << 20;
  /** Where {@code evaluate} writes its event files, under modelDir (TensorFlow's name). */
  public static final String EVAL_DIR = "eval";

  private final ModelFn modelFn;
  private final RunConfig config;
  private final Map<String, Object> params;
  private final Checkpoints checkpoints;

  public Estimator(ModelFn modelFn, RunConfig config) {
    this(modelFn, config, Map.of());
  }

  public Estimator(ModelFn modelFn, RunConfig config, Map<String, Object> params) {
    this.modelFn = modelFn;
    this.config = config;
    this.params = Map.copyOf(params);
    this.checkpoints = new Checkpoints(config.modelDir(), config.keepCheckpointMax());
  }

  public RunConfig config() {
    return config;
  }

  /**
   * Trains until {@code steps} more steps are done, the input ends, or a hook stops it. Returns the
   * global step reached.
   */
  public long train(InputFn input, long steps, List<Hook> hooks) {
    return train(input, steps, -1, hooks);
  }

  /**
   * Trains to global step {@code maxSteps} (if >= 0), {@code steps} more steps (if >= 0), or to the
   * end of the input. Resumes from the newest checkpoint in modelDir.
   */
  public long train(InputFn input, long steps, long maxSteps, List<Hook> hooks) {
    VariableStore store = restoredStore();
    long start = store.globalStep().value().longValue();
    long last = maxSteps >= 0 ? maxSteps : Long.MAX_VALUE;
    if (steps >= 0) {
      last = Math.min(last, start + steps);
    }
    if (start >= last) {
      LOG.info("Skipping training since max_steps has already saved.");
      return start;
    }
    List<Hook> all = new ArrayList<>(hooks);
    if (config.saveCheckpointsSteps() > 0 || config.saveCheckpointsSecs() > 0) {
      all.add(new CheckpointSaverHook(config.saveCheckpointsSteps(), config.saveCheckpointsSecs()));
    }
    if (config.saveSummarySteps() > 0) {
      all.add(new SummarySaverHook(config.saveSummarySteps()));
    }
    HookContext context = new HookContext(config.modelDir(), store,
        step -> checkpoints.save(step, store));
    long lossLogStart = System.nanoTime();
    long step = start;
    float lastLoss = Float.NaN;
    InputPosition position = new InputPosition(store, input);
    Iterator<Batch> batches = null;
    List<Hook> begun = new ArrayList<>();
    Throwable failed = null;
    try {
      for (Hook h : all) {
        h.begin(context);
        begun.add(h);
      }
      batches = position.open();
      while (step < last) {
        if (!batches.hasNext()) {
          position.passEnded();
          break;
        }
        Batch batch = batches.next();
        position.advance();
        Map<String, Tensor> named = StepTensors.begin();
        List<StepSummary> summaries = wantsSummaries(all, step + 1) ? Summaries.begin() : List.of();
        Tensor loss;
        GradientTape tape = GradientTape.start();
        try (tape; Scope scope = Scope.open(store, true, stepRng(step), tape)) {
          EstimatorSpec spec = modelFn.apply(batch.features(), batch.labels(), ModeKeys.TRAIN,
              params);
          if (spec.loss() == null || spec.trainOp() == null) {
            throw new IllegalStateException("the model function must return a loss and a train "
                + "op in TRAIN mode");
          }
          loss = spec.loss();
          lastLoss = loss.floatValue();
        } finally {
          StepTensors.end();
          Summaries.end();
        }
        step = store.globalStep().value().longValue();
        if ((step - 1) % config.logStepCountSteps() == 0 || step == start + 1) {
          double secs = (System.nanoTime() - lossLogStart) / 1e9;
          LOG.info(step == start + 1 ? "loss = {}, step = {}" : "loss = {}, step = {} ({} sec)",
              loss.floatValue(), step, String.format("%.3f", secs));
          lossLogStart = System.nanoTime();
        }
        // Whether the pass ended is known before the hooks run, so a checkpoint saved after this
        // step records it and the next call starts the next pass instead of an empty rest.
        boolean more = batches.hasNext();
        if (!more) {
          position.passEnded();
        }
        StepResult result = new StepResult(step, loss, named, batch.size(), summaries);
        for (Hook h : all) {
          h.afterStep(result);
        }
        if (!more || result.stopRequested()) {
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      failed = e;
      throw e;
    } finally {
      // Every hook that began ends (so event files close) and the input's threads and files
      // are released, even when a step or another hook failed.
      finish(batches, begun, context, failed);
    }
    LOG.info("Loss for final step: {}.", lastLoss);
    return step;
  }

  /**
   * Evaluates the newest checkpoint on {@code steps} batches (all of the input if 0). Returns the
   * model's metrics plus {@code loss} (mean over batches) and {@code global_step}.
   */
  public Map<String, Double> evaluate(InputFn input, long steps) {
    VariableStore store = restoredStore();
    long globalStep = store.globalStep().value().longValue();
    double[] lossSum = {0};
    long[] count = {0};
    Map<String, Metric> metrics = EvalMetrics.collect(() -> {
      Iterator<Batch> batches = input.open();
      try {
        while ((steps <= 0 || count[0] < steps) && batches.hasNext()) {
          Batch batch = batches.next();
          try (Scope scope = Scope.open(store, false, new Rng(config.randomSeed()), null)) {
            EstimatorSpec spec = modelFn.apply(batch.features(), batch.labels(), ModeKeys.EVAL,
                params);
            if (spec.loss() == null) {
              throw new IllegalStateException("the model function must return a loss in EVAL "
                  + "mode");
            }
            lossSum[0] += spec.loss().doubleValue();
          }
          count[0]++;
        }
      } finally {
        close(batches);
      }
    });
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach((name, m) -> out.put(name, m.doubleValue()));
    // TensorFlow's "loss" is the mean of the per-batch losses
    out.put("loss", count[0] == 0 ? Double.NaN : lossSum[0] / count[0]);
    out.put("global_step", (double) globalStep);
    LOG.info("Saving dict for global step {}: {}", globalStep, out);
    writeEvalSummaries(out, globalStep);
    return out;
  }

  /** The metrics but {@code global_step} as scalars at the evaluated step, as TensorFlow does. */
  private void writeEvalSummaries(Map<String, Double> results, long globalStep) {
    Path dir = config.modelDir().resolve(EVAL_DIR);
    try (SummaryWriter w = SummaryWriter.create(dir)) {
      results.forEach((name, value) -> {
        if (!name.equals("global_step")) {
          w.scalar(name, value, globalStep);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the evaluation's summaries to " + dir, e);
    }
  }

  /**
   * Predictions of the newest checkpoint, one map per example (each prediction's first dimension
   * is split). As in TensorFlow, where a model function's tensors are graph nodes, the tensors it
   * makes in PREDICT mode live for their batch only: their arrays serve the next batch. What it
   * returns in its predictions stays.
   */
  public Iterator<Map<String, Tensor>> predict(InputFn input) {
    VariableStore store = restoredStore();
    Iterator<Batch> batches = input.open();
    return new Iterator<>() {
      private final List<Map<String, Tensor>> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        while (next >= pending.size()) {
          if (!batches.hasNext()) {
            close(batches);
            return false;
          }
          pending.clear();
          next = 0;
          Batch batch = batches.next();
          // the model's intermediate arrays serve the next batch; the rows handed out stay
          try (BufferPool.Step step = BufferPool.step();
              Scope scope = Scope.open(store, false, new Rng(config.randomSeed()), null)) {
            EstimatorSpec spec = modelFn.apply(batch.features(), null, ModeKeys.PREDICT, params);
            for (Map<String, Tensor> row : splitRows(spec.predictions())) {
              row.values().forEach(t -> BufferPool.keep(t.data()));
              pending.add(row);
            }
          }
        }
        return true;
      }

      @Override
      public Map<String, Tensor> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(next++);
      }
    };
  }

  /** The newest checkpoint's prefix in modelDir, or null. */
  public String latestCheckpoint() {
    return checkpoints.latestPrefix();
  }

  private static boolean wantsSummaries(List<Hook> hooks, long globalStep) {
    for (Hook h : hooks) {
      if (h.wantsSummaries(globalStep)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes the input, then ends the hooks. Failures are added to {@code failed} (the training
   * step's) if there is one; else the first is thrown with the others suppressed.
   */
  private static void finish(Iterator<Batch> batches, List<Hook> hooks, HookContext context,
      Throwable failed) {
    List<RuntimeException> failures = new ArrayList<>();
    try {
      close(batches);
    } catch (RuntimeException e) {
      failures.add(e);
    }
    for (Hook h : hooks) {
      try {
        h.end(context);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (failures.isEmpty()) {
      return;
    }
    Throwable first = failed != null ? failed : failures.get(0);
    for (RuntimeException e : failures) {
      if (e != first) {
        first.addSuppressed(e);
      }
    }
    if (failed == null) {
      throw failures.get(0);
    }
  }

  /** Closes an input's iterator that holds threads or files (a dataset's); others need nothing. */
  private static void close(Iterator<Batch> batches) {
    if (batches instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("could not close the input", e);
      }
    }
  }

  private VariableStore restoredStore() {
    VariableStore store = new VariableStore();
    try {
      checkpoints.restoreLatest(store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }

  /** A random stream per step, so a resumed run continues the numbers of an uninterrupted one. */
  private Rng stepRng(long step) {
    return new Rng(config.randomSeed(), (step + 1) * COUNTERS_PER_STEP);
  }

  private static List<Map<String, Tensor>> splitRows(Map<String, Tensor> predictions) {
    List<Map<String, Tensor>> rows = new ArrayList<>();
    if (predictions.isEmpty()) {
      return rows;
    }
    int n = predictions.values().iterator().next().shape().dim(0);
    Map<String, List<Tensor>> split = new LinkedHashMap<>();
    predictions.forEach((k, t) -> {
      if (t.shape().dim(0) != n) {
        throw new IllegalStateException("predictions have different batch sizes: " + k + " is "
            + t.shape());
      }
      split.put(k, ArrayOps.unstack(t, 0));
    });
    for (int i = 0; i < n; i++) {
      Map<String, Tensor> row = new LinkedHashMap<>();
      for (Map.Entry<String, List<Tensor>> e : split.entrySet()) {
        row.put(e.getKey(), e.getValue().get(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
