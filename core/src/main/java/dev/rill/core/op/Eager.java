package dev.rill.core.op;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.autodiff.Tapes;
import java.util.ArrayList;
import java.util.List;

/** Eager execution: infer (which validates), run the kernel, let active tapes record the node. */
public final class Eager implements Execution {
  public static final Eager INSTANCE = new Eager();

  private Eager() {}

  @Override
  public <A> List<Tensor> execute(OpDef<A> op, A attrs, List<Tensor> inputs) {
    List<TensorSpec> specs = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Tensor t = inputs.get(i);
      if (t == null) {
        throw InvalidArgumentException.of(op.name(), "input " + i + " is null");
      }
      specs.add(t.spec());
    }
    List<TensorSpec> outSpecs = op.infer(attrs, specs);
    List<Tensor> outputs;
    if (OpProfile.ENABLED) {
      long t0 = System.nanoTime();
      outputs = op.compute(attrs, inputs, outSpecs);
      OpProfile.add(op.name(), System.nanoTime() - t0);
    } else {
      outputs = op.compute(attrs, inputs, outSpecs);
    }
    outputs = distinctFromInputs(inputs, outputs);
    Tapes.record(op, attrs, inputs, outputs);
    return outputs;
  }

  /**
   * Outputs that are an input object itself (Identity, no-op reshapes and casts) become new
   * tensors over the same data: a tape keys gradients by tensor, and an output that is also its
   * own input would add its gradient to itself.
   */
  private static List<Tensor> distinctFromInputs(List<Tensor> inputs, List<Tensor> outputs) {
    List<Tensor> result = outputs;
    for (int k = 0; k < outputs.size(); k++) {
      Tensor out = outputs.get(k);
      for (Tensor in : inputs) {
        if (out == in) {
          if (result == outputs) {
            result = new ArrayList<>(outputs);
          }
          result.set(k, Tensor.wrap(out.dtype(), out.shape(), out.data()));
          break;
        }
      }
    }
    return result;
  }
}
