package dev.rill.core.ops.reduce;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code All} and {@code Any} over axes of a bool tensor (true and false for an empty reduction).
 * No gradient.
 *
 * {@snippet :
 * Tensor x = Tensor.of(Shape.of(2, 2), true, false, true, true);
 * ReduceOps.all(x, new int[] {1}, false);   // [false, true]
 * ReduceOps.any(x);                         // true
 * }
 */
public final class LogicalReduceDefs {
  private LogicalReduceDefs() {}

  public static final OpDef<Reduction.Attrs> ALL = logical("All", true);
  public static final OpDef<Reduction.Attrs> ANY = logical("Any", false);

  /** {@code all}: the result starts true and any false element clears it; {@code any} the dual. */
  private static OpDef<Reduction.Attrs> logical(String name, boolean all) {
    return OpDef.of(name,
        (a, in) -> {
          Elementwise.requireDType(name, in.get(0).dtype(), Set.of(DType.BOOL));
          return List.of(Reduction.of(name, in.get(0).shape(), a.axes(), a.keepDims())
              .spec(in.get(0)));
        },
        (a, in, out) -> {
          Reduction r = ReduceDefs.plan(name, in.get(0), a);
          boolean[] src = in.get(0).boolData();
          boolean[] acc = new boolean[r.outShape().size()];
          Arrays.fill(acc, all);
          r.forEachRow((i0, o0, stride, len) -> {
            for (int i = 0; i < len; i++) {
              if (src[i0 + i] != all) {
                acc[o0 + i * stride] = !all;
              }
            }
          });
          return List.of(Tensor.wrap(DType.BOOL, r.outShape(), acc));
        },
        null);
  }
}
