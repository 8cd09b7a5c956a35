package dev.rill.core.op;

import dev.rill.core.Tensor;
import java.util.BitSet;
import java.util.List;

/**
 * One executed op as a gradient rule sees it: the op, its attributes, inputs and outputs, and which
 * inputs the gradient is wanted for (a rule may skip the others: the tape discards them anyway).
 */
public record Node<A>(OpDef<A> op, A attrs, List<Tensor> inputs, List<Tensor> outputs,
    BitSet needed) {

  /** A node whose every input wants a gradient. */
  public Node(OpDef<A> op, A attrs, List<Tensor> inputs, List<Tensor> outputs) {
    this(op, attrs, inputs, outputs, all(inputs.size()));
  }

  private static BitSet all(int n) {
    BitSet b = new BitSet(n);
    b.set(0, n);
    return b;
  }

  public Tensor input(int i) {
    return inputs.get(i);
  }

  public Tensor output(int i) {
    return outputs.get(i);
  }

  public A attr() {
    return attrs;
  }

  /** True if a gradient with respect to input {@code i} will be used. */
  public boolean needsGradient(int i) {
    return needed.get(i);
  }
}
