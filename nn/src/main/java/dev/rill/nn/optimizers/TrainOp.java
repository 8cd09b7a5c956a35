package dev.rill.nn.optimizers;

import dev.rill.core.Variable;
import java.util.List;

/**
 * What one {@code apply_gradients} did: the variables it updated, the learning rate it used and
 * the global step after its increment (-1 when no global step was given), as the values TF1's
 * train op would make visible.
 *
 * {@snippet :
 * TrainOp op = optimizer.minimize(loss);
 * log.info("step {}", op.globalStep());
 * }
 *
 * @param updated the variables that got a gradient, in order
 * @param learningRate the learning rate of this step
 * @param globalStep the new global step, or -1
 */
public record TrainOp(List<Variable> updated, double learningRate, long globalStep) {
  public TrainOp {
    updated = List.copyOf(updated);
  }
}
