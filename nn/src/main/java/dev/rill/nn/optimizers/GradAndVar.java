package dev.rill.nn.optimizers;

import dev.rill.core.Variable;
import dev.rill.core.Tensor;

/**
 * A gradient paired with the variable it belongs to, as in TF's {@code grads_and_vars} lists.
 * The gradient is either dense ({@link #gradient()}, the variable's shape) or a set of rows
 * ({@link #slices()}, for embeddings); both null means the variable gets no gradient and is
 * skipped.
 *
 * {@snippet :
 * List<GradAndVar> gvs = optimizer.computeGradients(loss, tape, vars);
 * optimizer.applyGradients(gvs, store.globalStep());
 * }
 *
 * @param gradient the dense gradient, or null
 * @param variable the variable to update
 * @param slices the row gradient, or null
 */
public record GradAndVar(Tensor gradient, Variable variable, IndexedSlices slices) {
  public GradAndVar {
    if (variable == null) {
      throw new IllegalArgumentException("GradAndVar: variable is null");
    }
    if (gradient != null && slices != null) {
      throw new IllegalArgumentException("GradAndVar: both a dense and a sparse gradient for '"
          + variable.name() + "'");
    }
  }

  /** A dense gradient (or null for none). */
  public GradAndVar(Tensor gradient, Variable variable) {
    this(gradient, variable, null);
  }

  /** A gradient given as rows of the variable. */
  public GradAndVar(IndexedSlices slices, Variable variable) {
    this(null, variable, slices);
  }

  /** True if there is no gradient at all. */
  public boolean isNull() {
    return gradient == null && slices == null;
  }

  /** True if the gradient is given as rows. */
  public boolean isSparse() {
    return slices != null;
  }
}
