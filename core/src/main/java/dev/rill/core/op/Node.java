package dev.rill.core.op;

import dev.rill.core.Tensor;
import java.util.List;

/** One executed op as a gradient rule sees it: the op, its attributes, inputs and outputs. */
public record Node<A>(OpDef<A> op, A attrs, List<Tensor> inputs, List<Tensor> outputs) {
  public Tensor input(int i) {
    return inputs.get(i);
  }

  public Tensor output(int i) {
    return outputs.get(i);
  }

  public A attr() {
    return attrs;
  }
}
