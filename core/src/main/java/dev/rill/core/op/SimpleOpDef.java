package dev.rill.core.op;

import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import java.util.List;

/** An {@link OpDef} assembled from functions. */
record SimpleOpDef<A>(String name, Inference<A> inference, Kernel<A> kernel, GradientFn<A> gradient)
    implements OpDef<A> {

  @Override
  public List<TensorSpec> infer(A attrs, List<TensorSpec> inputs) {
    return inference.infer(attrs, inputs);
  }

  @Override
  public List<Tensor> compute(A attrs, List<Tensor> inputs, List<TensorSpec> outputs) {
    return kernel.compute(attrs, inputs, outputs);
  }

  @Override
  public String toString() {
    return name;
  }
}
