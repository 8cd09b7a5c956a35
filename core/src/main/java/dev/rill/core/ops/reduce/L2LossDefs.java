package dev.rill.core.ops.reduce;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * {@code L2Loss}: sum(x^2) / 2 as a scalar, the weight-decay term of {@code tf.nn.l2_loss}. The
 * gradient is x * dy. Accumulates in double.
 *
 * {@snippet :
 * ReduceOps.l2Loss(Tensor.of(1f, 2f, 3f));   // (1 + 4 + 9) / 2 = 7
 * }
 */
public final class L2LossDefs {
  private L2LossDefs() {}

  public static final OpDef<NoAttrs> L2_LOSS = OpDef.of("L2Loss",
      (a, in) -> {
        Elementwise.requireDType("L2Loss", in.get(0).dtype(), Elementwise.FLOATS);
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.scalar()));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        double s = 0;
        if (x.dtype() == DType.FLOAT32) {
          for (float v : x.floatData()) {
            s += (double) v * v;
          }
          return List.of(Tensor.scalar((float) (s / 2)));
        }
        for (double v : x.doubleData()) {
          s += v * v;
        }
        return List.of(Tensor.scalar(s / 2));
      },
      (n, dy) -> List.of(MathOps.mul(n.input(0), dy.get(0))));
}
