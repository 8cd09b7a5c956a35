package dev.rill.core.op;

import dev.rill.core.Tensor;
import java.util.List;

/**
 * A gradient rule: given the node and the gradients flowing into its outputs, the gradients with
 * respect to its inputs, built from other ops so that gradients of gradients work.
 */
@FunctionalInterface
public interface GradientFn<A> {
  /**
   * @param upstream one entry per output; null where no gradient reaches that output (only for
   *     ops with more than one output)
   * @return one entry per input; null where the input gets no gradient (integer indices, say)
   */
  List<Tensor> apply(Node<A> node, List<Tensor> upstream);
}
