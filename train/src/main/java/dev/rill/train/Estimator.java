package dev.rill.train;

import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.metrics.Metric;
import dev.rill.train.hooks.CheckpointSaverHook;
import dev.rill.train.hooks.Hook;
import dev.rill.train.hooks.HookContext;
import dev.rill.train.hooks.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <p>Each step runs the model function eagerly inside a {@link Scope} (the model's variable
 * store, the mode, a random stream keyed by the global step so a resumed run draws what an
 * uninterrupted one would) and, when training, a {@link GradientTape} the optimizer reads.
 */
public final class Estimator {
  private static final Logger LOG = LoggerFactory.getLogger(Estimator.class);
  /** Random numbers each step may draw before the next step's stream begins. */
  private static final long COUNTERS_PER_STEP = 1L << 20;

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
    HookContext context = new HookContext(config.modelDir(), store,
        step -> checkpoints.save(step, store));
    all.forEach(h -> h.begin(context));
    long lossLogStart = System.nanoTime();
    long step = start;
    float lastLoss = Float.NaN;
    InputPosition position = new InputPosition(store, input);
    Iterator<Batch> batches = position.open();
    try {
      while (step < last) {
        if (!batches.hasNext()) {
          position.passEnded();
          break;
        }
        Batch batch = batches.next();
        position.advance();
        Map<String, Tensor> named = StepTensors.begin();
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
        }
        step = store.globalStep().value().longValue();
        if ((step - 1) % config.logStepCountSteps() == 0 || step == start + 1) {
          double secs = (System.nanoTime() - lossLogStart) / 1e9;
          LOG.info(step == start + 1 ? "loss = {}, step = {}" : "loss = {}, step = {} ({} sec)",
              loss.floatValue(), step, String.format("%.3f", secs));
          lossLogStart = System.nanoTime();
        }
        StepResult result = new StepResult(step, loss, named, batch.size());
        for (Hook h : all) {
          h.afterStep(result);
        }
        if (result.stopRequested()) {
          break;
        }
      }
    } finally {
      all.forEach(h -> h.end(context));
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
      while ((steps <= 0 || count[0] < steps) && batches.hasNext()) {
        Batch batch = batches.next();
        try (Scope scope = Scope.open(store, false, new Rng(config.randomSeed()), null)) {
          EstimatorSpec spec = modelFn.apply(batch.features(), batch.labels(), ModeKeys.EVAL,
              params);
          if (spec.loss() == null) {
            throw new IllegalStateException("the model function must return a loss in EVAL mode");
          }
          lossSum[0] += spec.loss().doubleValue();
        }
        count[0]++;
      }
    });
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach((name, m) -> out.put(name, m.doubleValue()));
    // TensorFlow's "loss" is the mean of the per-batch losses
    out.put("loss", count[0] == 0 ? Double.NaN : lossSum[0] / count[0]);
    out.put("global_step", (double) globalStep);
    LOG.info("Saving dict for global step {}: {}", globalStep, out);
    return out;
  }

  /**
   * Predictions of the newest checkpoint, one map per example (each prediction's first dimension
   * is split).
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
            return false;
          }
          pending.clear();
          next = 0;
          Batch batch = batches.next();
          try (Scope scope = Scope.open(store, false, new Rng(config.randomSeed()), null)) {
            EstimatorSpec spec = modelFn.apply(batch.features(), null, ModeKeys.PREDICT, params);
            pending.addAll(splitRows(spec.predictions()));
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
