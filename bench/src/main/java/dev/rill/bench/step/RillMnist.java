package dev.rill.bench.step;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.DType;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.ops.random.Rng;
import dev.rill.models.mnist.MnistCnn;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.train.EstimatorSpec;
import dev.rill.train.ModeKeys;
import java.util.Map;

/** Rill's MNIST workloads: the model function of {@code rill mnist}, run eagerly as the Estimator does. */
public final class RillMnist implements Workload {
  private final MnistTask task;
  private final VariableStore store = new VariableStore();
  private final Map<String, Tensor> features;
  private final Tensor labels;
  private final Map<String, Object> params = Map.of(MnistCnn.LEARNING_RATE,
      (double) MnistTask.LEARNING_RATE);
  private long step;

  public RillMnist(MnistTask task, MnistBatch batch) {
    this.task = task;
    this.features = Map.of(MnistCnn.FEATURE,
        Tensor.wrap(DType.FLOAT32, Shape.of(batch.size(), MnistBatch.PIXELS), batch.images()));
    int[] l = batch.labels();
    this.labels = Tensor.wrap(DType.INT32, Shape.of(l.length), l);
    run(); // creates the variables, as the first step of a session does
  }

  @Override
  public String engine() {
    return "rill";
  }

  @Override
  public int examples() {
    return task.batch();
  }

  @Override
  public double run() {
    Rng rng = new Rng(42, ++step << 20);
    if (task.training()) {
      GradientTape tape = GradientTape.start();
      try (tape; Scope scope = Scope.open(store, true, rng, tape)) {
        EstimatorSpec spec = MnistCnn.modelFn(features, labels, ModeKeys.TRAIN, params);
        return spec.loss().floatValue();
      }
    }
    return predict(rng).getFloat(0, 0);
  }

  /** Runs one inference and returns all class probabilities, [batch * 10] row-major. */
  public float[] probabilities() {
    if (task.training()) {
      throw new IllegalStateException("a training workload has no probabilities");
    }
    return predict(new Rng(42, ++step << 20)).floatData();
  }

  /** As {@code Estimator.predict}: the step's arrays serve the next step, but what it returns. */
  private Tensor predict(Rng rng) {
    try (BufferPool.Step step = BufferPool.step();
        Scope scope = Scope.open(store, false, rng, null)) {
      EstimatorSpec spec = MnistCnn.modelFn(features, null, ModeKeys.PREDICT, params);
      Tensor probabilities = spec.predictions().get("probabilities");
      BufferPool.keep(probabilities.data());
      return probabilities;
    }
  }
}
