package dev.rill.train.canned;

import dev.rill.core.Tensor;
import dev.rill.io.checkpoint.CheckpointManager;
import dev.rill.nn.Scope;
import dev.rill.nn.optimizers.TrainOp;
import dev.rill.train.Estimator;
import dev.rill.train.EstimatorSpec;
import dev.rill.train.InputFn;
import dev.rill.train.ModeKeys;
import dev.rill.train.ModelFn;
import dev.rill.train.RunConfig;
import dev.rill.train.feature.Features;
import dev.rill.train.head.BinaryClassHead;
import dev.rill.train.head.Head;
import dev.rill.train.head.MultiClassHead;
import dev.rill.train.hooks.Hook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What every canned estimator shares, as TensorFlow's {@code tf.estimator} canned classes: a
 * {@link Head} on top of a network's logits, an optional per-example weight feature, and an
 * {@link Estimator} running the resulting model function in {@code modelDir}.
 *
 * <p>In TRAIN mode the gradients come from {@link dev.rill.train.feature.SparseGradients}, so
 * weights of categorical columns and embedding tables change only in the rows a batch looked
 * up; when a model has two parts (linear and DNN) each part's optimizer updates its own
 * variables in the same step and the global step advances once.
 *
 * <p>Features reach the model as the input function's dense tensors (categorical columns accept
 * dense string or integer features; see {@link Features}).
 */
public abstract class CannedEstimator {
  private final Head head;
  private final String weightColumn;
  private final Network network;
  private final Estimator estimator;

  CannedEstimator(Head head, String weightColumn, Network network, RunConfig config) {
    this.head = head;
    this.weightColumn = weightColumn;
    this.network = network;
    this.estimator = new Estimator(this::modelFn, config);
  }

  /** The model function of this estimator, usable with a plain {@link Estimator}. */
  public ModelFn modelFn() {
    return this::modelFn;
  }

  private EstimatorSpec modelFn(Map<String, Tensor> raw, Tensor labels, ModeKeys mode,
      Map<String, Object> params) {
    Features features = Features.of(raw);
    Tensor logits = network.logits().apply(features, head.logitsDimension());
    Tensor weights = weightColumn == null || mode == ModeKeys.PREDICT ? null
        : features.dense(weightColumn);
    List<Tensor> reg = Scope.current().regularizationLosses();
    if (mode != ModeKeys.TRAIN) {
      return head.createEstimatorSpec(mode, logits, labels, weights, null, reg);
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels are required in TRAIN mode");
    }
    // the head's own TRAIN path calls optimizer.minimize, which sees no gradient for tables
    // read sparsely; the loss comes from the head, the update from the network's optimizers
    Tensor loss = head.loss(labels, logits, weights, reg);
    TrainOp op = network.minimize(loss);
    return new EstimatorSpec(ModeKeys.TRAIN, head.predictions(logits), loss, op, null);
  }

  /** Trains {@code steps} more steps (or to the end of the input); returns the global step. */
  public long train(InputFn input, long steps) {
    return estimator.train(input, steps, List.of());
  }

  /** As {@link Estimator#train(InputFn, long, List)}. */
  public long train(InputFn input, long steps, List<Hook> hooks) {
    return estimator.train(input, steps, hooks);
  }

  /** As {@link Estimator#train(InputFn, long, long, List)}. */
  public long train(InputFn input, long steps, long maxSteps, List<Hook> hooks) {
    return estimator.train(input, steps, maxSteps, hooks);
  }

  /** The head's metrics, {@code loss} and {@code global_step} over the whole input. */
  public Map<String, Double> evaluate(InputFn input) {
    return estimator.evaluate(input, 0);
  }

  /** As {@link #evaluate(InputFn)} on at most {@code steps} batches (all if 0). */
  public Map<String, Double> evaluate(InputFn input, long steps) {
    return estimator.evaluate(input, steps);
  }

  /** The head's predictions, one map per example. */
  public Iterator<Map<String, Tensor>> predict(InputFn input) {
    return estimator.predict(input);
  }

  public Estimator estimator() {
    return estimator;
  }

  public RunConfig config() {
    return estimator.config();
  }

  public Head head() {
    return head;
  }

  /** The per-example weight feature, or null. */
  public String weightColumn() {
    return weightColumn;
  }

  /** The names of the variables in the newest checkpoint, sorted ({@code get_variable_names}). */
  public List<String> variableNames() {
    return List.copyOf(new TreeSet<>(latest().keySet()));
  }

  /** A variable's value in the newest checkpoint ({@code get_variable_value}). */
  public Tensor variableValue(String name) {
    Tensor t = latest().get(name);
    if (t == null) {
      throw new IllegalArgumentException("no variable '" + name + "' in the newest checkpoint of "
          + config().modelDir());
    }
    return t;
  }

  private Map<String, Tensor> latest() {
    try {
      Optional<CheckpointManager.Restored> r = new CheckpointManager(config().modelDir())
          .restore();
      if (r.isEmpty()) {
        throw new IllegalStateException("no checkpoint in " + config().modelDir()
            + "; train first");
      }
      return r.get().tensors();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** TensorFlow's classification head: binary for 2 classes, multi-class above. */
  static Head classHead(int nClasses) {
    if (nClasses < 2) {
      throw new IllegalArgumentException("n_classes must be >= 2, got " + nClasses);
    }
    return nClasses == 2 ? new BinaryClassHead() : new MultiClassHead(nClasses);
  }
}
