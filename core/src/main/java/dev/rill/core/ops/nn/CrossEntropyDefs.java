package dev.rill.core.ops.nn;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.math.Elementwise;
import dev.rill.core.ops.math.Grads;
import java.util.Arrays;
import java.util.List;

/**
 * Softmax cross-entropy on [batch, classes] logits (TensorFlow calls them features), fused with its
 * gradient: both ops return the loss per row and {@code backprop = softmax(logits) - labels}.
 *
 * {@snippet :
 * List<Tensor> out = Exec.run(CrossEntropyDefs.SOFTMAX_CROSS_ENTROPY, NoAttrs.INSTANCE, logits, labels);
 * Tensor loss = out.get(0);      // [batch]
 * }
 */
public final class CrossEntropyDefs {
  private CrossEntropyDefs() {}

  private static final String DENSE = "SoftmaxCrossEntropyWithLogits";
  private static final String SPARSE = "SparseSoftmaxCrossEntropyWithLogits";

  /** Inputs (features [batch, classes], labels [batch, classes]); outputs (loss, backprop). */
  public static final OpDef<NoAttrs> SOFTMAX_CROSS_ENTROPY = OpDef.of(DENSE,
      (a, in) -> inferDense(in.get(0), in.get(1)),
      (a, in, out) -> CrossEntropyKernel.dense(in.get(0), in.get(1), out.get(0).shape().dim(0)),
      (n, dy) -> {
        Tensor logits = n.input(0);
        Tensor labels = n.input(1);
        Tensor gradLoss = dy.get(0);
        Tensor gradBackprop = dy.get(1);
        Tensor dLogits = null;
        Tensor dLabels = null;
        if (gradLoss != null) {
          Tensor g = column(gradLoss);
          dLogits = MathOps.mul(g, n.output(1));
          // TensorFlow's rule: d(loss)/d(labels) = -log_softmax(logits)
          dLabels = MathOps.mul(g, MathOps.neg(Exec.run1(SoftmaxDefs.LOG_SOFTMAX, logits)));
        }
        if (gradBackprop != null) {
          // backprop = softmax(logits) - labels, reached only when differentiating a gradient
          dLogits = plus(dLogits, SoftmaxDefs.softmaxVjp(gradBackprop,
              Exec.run1(SoftmaxDefs.SOFTMAX, logits)));
          dLabels = plus(dLabels, MathOps.neg(gradBackprop));
        }
        return Arrays.asList(
            dLogits == null ? null : Grads.unbroadcast(dLogits, logits.shape()),
            dLabels == null ? null : Grads.unbroadcast(dLabels, labels.shape()));
      });

  /** Inputs (features [batch, classes], labels [batch] int32/int64); outputs (loss, backprop). */
  public static final OpDef<NoAttrs> SPARSE_SOFTMAX_CROSS_ENTROPY = OpDef.of(SPARSE,
      (a, in) -> inferSparse(in.get(0), in.get(1)),
      (a, in, out) -> CrossEntropyKernel.sparse(SPARSE, in.get(0), in.get(1)),
      (n, dy) -> {
        Tensor dLogits = null;
        if (dy.get(0) != null) {
          dLogits = MathOps.mul(column(dy.get(0)), n.output(1));
        }
        if (dy.get(1) != null) {
          dLogits = plus(dLogits, SoftmaxDefs.softmaxVjp(dy.get(1),
              Exec.run1(SoftmaxDefs.SOFTMAX, n.input(0))));
        }
        return Arrays.asList(dLogits, null);
      });

  /** [batch] to [batch, 1], to scale each row of a [batch, classes] tensor. */
  private static Tensor column(Tensor perRow) {
    return ArrayOps.reshape(perRow, perRow.shape().dim(0), 1);
  }

  private static Tensor plus(Tensor a, Tensor b) {
    return a == null ? b : MathOps.add(a, b);
  }

  private static List<TensorSpec> inferDense(TensorSpec logits, TensorSpec labels) {
    Elementwise.requireDType(DENSE, logits.dtype(), Elementwise.FLOATS);
    if (labels.dtype() != logits.dtype()) {
      throw InvalidArgumentException.of(DENSE, "logits and labels must have the same dtype, got "
          + "logits " + logits + " and labels " + labels);
    }
    Shape x = logits.shape();
    Shape z = labels.shape();
    if (x.rank() != 2 || z.rank() != 2) {
      throw InvalidArgumentException.of(DENSE, "logits and labels must be 2-dimensional "
          + "[batch, classes], got logits shape " + x + " and labels shape " + z);
    }
    int bx = x.dim(0);
    int bz = z.dim(0);
    if (x.dim(1) != z.dim(1) || (bx != bz && bx != 1 && bz != 1)) {
      throw InvalidArgumentException.of(DENSE, "logits and labels must have the same shape (or a "
          + "batch of 1 that broadcasts), got logits shape " + x + " and labels shape " + z);
    }
    int batch = bx == 1 ? bz : bx;
    return List.of(TensorSpec.of(logits.dtype(), batch), TensorSpec.of(logits.dtype(), batch,
        x.dim(1)));
  }

  private static List<TensorSpec> inferSparse(TensorSpec logits, TensorSpec labels) {
    Elementwise.requireDType(SPARSE, logits.dtype(), Elementwise.FLOATS);
    if (labels.dtype() != DType.INT32 && labels.dtype() != DType.INT64) {
      throw InvalidArgumentException.of(SPARSE, "labels must be int32 or int64 class indices, got "
          + labels);
    }
    Shape x = logits.shape();
    Shape z = labels.shape();
    if (x.rank() != 2 || z.rank() != 1 || x.dim(0) != z.dim(0)) {
      throw InvalidArgumentException.of(SPARSE, "logits must be [batch, classes] and labels "
          + "[batch], got logits shape " + x + " and labels shape " + z);
    }
    return List.of(TensorSpec.of(logits.dtype(), x.dim(0)), logits);
  }
}
