package dev.rill.train.hooks;

import dev.rill.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One finished training step: its global step, loss, named tensors, batch size and the summaries
 * the model asked for.
 */
public final class StepResult {
  private final long globalStep;
  private final Tensor loss;
  private final Map<String, Tensor> tensors;
  private final int batchSize;
  private final List<StepSummary> summaries;
  private boolean stopRequested;

  public StepResult(long globalStep, Tensor loss, Map<String, Tensor> tensors, int batchSize) {
    this(globalStep, loss, tensors, batchSize, List.of());
  }

  public StepResult(long globalStep, Tensor loss, Map<String, Tensor> tensors, int batchSize,
      List<StepSummary> summaries) {
    this.globalStep = globalStep;
    this.loss = loss;
    this.tensors = Map.copyOf(tensors);
    this.batchSize = batchSize;
    this.summaries = List.copyOf(summaries);
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

  /**
   * The summaries the model function asked for in this step, in call order; empty unless a hook
   * {@linkplain Hook#wantsSummaries wanted} them for this step.
   */
  public List<StepSummary> summaries() {
    return summaries;
  }

  /** Ends training after this step. */
  public void requestStop() {
    stopRequested = true;
  }

  public boolean stopRequested() {
    return stopRequested;
  }
}
