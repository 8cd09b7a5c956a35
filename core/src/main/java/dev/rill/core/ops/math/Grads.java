package dev.rill.core.ops.math;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.ReduceOps;
import java.util.Arrays;
import java.util.List;

/** Helpers that gradient rules share. */
public final class Grads {
  private Grads() {}

  /**
   * Sums a gradient computed for a broadcast result back to the shape of the input that was
   * broadcast: over the leading dimensions it lacked and the dimensions where it had size 1.
   */
  public static Tensor unbroadcast(Tensor grad, Shape target) {
    Shape g = grad.shape();
    if (g.equals(target)) {
      return grad;
    }
    int lead = g.rank() - target.rank();
    int[] axes = new int[g.rank()];
    int k = 0;
    for (int i = 0; i < g.rank(); i++) {
      if (i < lead || (target.dim(i - lead) == 1 && g.dim(i) != 1)) {
        axes[k++] = i;
      }
    }
    Tensor summed = k == 0 ? grad : ReduceOps.sum(grad, Arrays.copyOf(axes, k), false);
    return summed.shape().equals(target) ? summed : ArrayOps.reshape(summed, target.dims());
  }

  /**
   * Marks a rule's own intermediate {@code temp} as spent: unless it is the upstream gradient
   * itself or shares a buffer with one of the {@code results}, its buffer goes back to the
   * {@link BufferPool}. The pool only takes buffers made in a backward pass no outer tape records,
   * so this is safe to call from any rule.
   */
  public static List<Tensor> spent(Tensor temp, Tensor upstream, List<Tensor> results) {
    if (temp.data() != upstream.data()) {
      for (Tensor r : results) {
        if (r != null && r.data() == temp.data()) {
          return results;
        }
      }
      BufferPool.release(temp.data());
    }
    return results;
  }
}
