package dev.rill.train.hooks;

import dev.rill.core.Tensor;
import java.util.Map;

/** One finished training step: its global step, loss, named tensors and batch size. */
public final class StepResult {
  private final long globalStep;
  private final Tensor loss;
  private final Map<String, Tensor> tensors;
  private final int batchSize;
  private boolean stopRequested;

  public StepResult(long globalStep, Tensor loss, Map<String, Tensor> tensors, int batchSize) {
    this.globalStep = globalStep;
    this.loss = loss;
    this.tensors = Map.copyOf(tensors);
    this.batchSize = batchSize;
  }

  /** The global step after this step's update. */
  public long globalStep() {
    return globalStep;
  }

  public Tensor loss() {
    return loss;
  }

  /** Tensors the model named with {@code StepTensors.name}. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Ends training after this step. */
  public void requestStop() {
    stopRequested = true;
  }

  public boolean stopRequested() {
    return stopRequested;
  }
}
