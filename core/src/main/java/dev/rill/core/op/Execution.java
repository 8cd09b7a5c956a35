package dev.rill.core.op;

import dev.rill.core.Tensor;
import java.util.List;

/**
 * Where ops run. Eager execution computes at once; graph execution (later) records a graph and
 * runs it in a session. Op functions never call kernels directly, only {@link Exec#run}.
 */
public interface Execution {
  <A> List<Tensor> execute(OpDef<A> op, A attrs, List<Tensor> inputs);
}
