package dev.rill.core.ops.nn;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;

/**
 * The cross-entropy losses as {@code tf.nn} offers them: the softmax ones on logits of any rank
 * (flattened to [rows, classes] around the fused ops), and the sigmoid one as TensorFlow's stable
 * composite. The facade for these is {@code NnOps}.
 *
 * {@snippet :
 * Tensor loss = Losses.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(2, 0), logits); // [2]
 * }
 */
public final class Losses {
  private static final String DENSE = "SoftmaxCrossEntropyWithLogits";
  private static final String SPARSE = "SparseSoftmaxCrossEntropyWithLogits";
  private static final String SIGMOID = "SigmoidCrossEntropyWithLogits";

  private Losses() {}

  /** Loss per row over the last axis: logits [..., classes] give a loss of shape [...]. */
  public static Tensor softmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    if (logits.rank() == 2 && labels.rank() == 2) {
      return run(DENSE, logits, labels);
    }
    if (!labels.shape().equals(logits.shape()) || logits.rank() == 0) {
      throw InvalidArgumentException.of(DENSE, "logits and labels must have the same shape of "
          + "rank >= 1, got logits shape " + logits.shape() + " and labels shape "
          + labels.shape());
    }
    int rank = logits.rank();
    int classes = logits.shape().dim(rank - 1);
    int rows = logits.shape().size(0, rank - 1);
    Tensor loss = run(DENSE, ArrayOps.reshape(logits, rows, classes),
        ArrayOps.reshape(labels, rows, classes));
    return ArrayOps.reshape(loss, logits.shape().sub(0, rank - 1).dims());
  }

  /** Loss per row: labels [...] hold class indices into logits [..., classes]. */
  public static Tensor sparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    if (logits.rank() == 2 && labels.rank() == 1) {
      return run(SPARSE, logits, labels);
    }
    int rank = logits.rank();
    if (rank == 0 || !labels.shape().equals(logits.shape().sub(0, rank - 1))) {
      throw InvalidArgumentException.of(SPARSE, "labels shape " + labels.shape() + " must equal "
          + "the logits shape " + logits.shape() + " without its last dimension");
    }
    int rows = labels.size();
    Tensor loss = run(SPARSE, ArrayOps.reshape(logits, rows, logits.shape().dim(rank - 1)),
        ArrayOps.reshape(labels, rows));
    return ArrayOps.reshape(loss, labels.shape().dims());
  }

  /**
   * {@code max(x, 0) - x * z + log(1 + exp(-|x|))}, elementwise, for logits x and labels z of the
   * same shape: TensorFlow's form, which never overflows.
   */
  public static Tensor sigmoidCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    if (!labels.shape().equals(logits.shape()) || labels.dtype() != logits.dtype()) {
      throw InvalidArgumentException.of(SIGMOID, "logits and labels must have the same dtype and "
          + "shape, got logits " + logits.spec() + " and labels " + labels.spec());
    }
    // Maximum sends the gradient to x at x == 0 and Minimum to -x there, as TensorFlow's selects
    Tensor relu = MathOps.maximum(logits, logits.like(0));
    Tensor negAbs = MathOps.minimum(MathOps.neg(logits), logits);
    return MathOps.add(MathOps.sub(relu, MathOps.mul(logits, labels)),
        MathOps.log1p(MathOps.exp(negAbs)));
  }

  private static Tensor run(String op, Tensor logits, Tensor labels) {
    var def = op.equals(DENSE) ? CrossEntropyDefs.SOFTMAX_CROSS_ENTROPY
        : CrossEntropyDefs.SPARSE_SOFTMAX_CROSS_ENTROPY;
    return Exec.run(def, NoAttrs.INSTANCE, logits, labels).get(0);
  }
}
