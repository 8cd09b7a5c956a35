package dev.rill.nn.metrics;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;

/**
 * A confusion matrix accumulated over an evaluation, TF1's streaming confusion matrix: row = label,
 * column = prediction, each cell the summed weight (float64, as TF's
 * {@code total_confusion_matrix} variable). {@link #of} is the one-batch
 * {@code tf.math.confusion_matrix} with int32 counts.
 *
 * {@snippet :
 * ConfusionMatrix cm = new ConfusionMatrix(3);
 * cm.update(Tensor.of(1, 2, 1), Tensor.of(2, 2, 1));   // cells (1,2), (2,2), (1,1)
 * Tensor counts = ConfusionMatrix.of(Tensor.of(0, 1), Tensor.of(0, 0), 2);   // [[1, 0], [1, 0]]
 * }
 */
public final class ConfusionMatrix implements Metric {
  private final String name;
  private final int numClasses;
  private final double[] cells;

  public ConfusionMatrix(int numClasses) {
    this("confusion_matrix", numClasses);
  }

  public ConfusionMatrix(String name, int numClasses) {
    if (numClasses < 1) {
      throw new InvalidArgumentException(name + ": num_classes must be positive, got "
          + numClasses);
    }
    this.name = name;
    this.numClasses = numClasses;
    this.cells = new double[numClasses * numClasses];
  }

  @Override
  public String name() {
    return name;
  }

  public int numClasses() {
    return numClasses;
  }

  public void update(Tensor labels, Tensor predictions) {
    update(labels, predictions, null);
  }

  /** Integer labels and predictions of any shape (flattened), weights broadcast to them. */
  public void update(Tensor labels, Tensor predictions, Tensor weights) {
    add(name, labels, predictions, weights, numClasses, cells);
  }

  @Override
  public Tensor result() {
    return Tensor.of(Shape.of(numClasses, numClasses), cells.clone());
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(cells, 0);
  }

  /** {@code tf.math.confusion_matrix(labels, predictions, num_classes)}: int32 counts. */
  public static Tensor of(Tensor labels, Tensor predictions, int numClasses) {
    double[] c = new double[numClasses * numClasses];
    add("confusion_matrix", labels, predictions, null, numClasses, c);
    return Tensor.of(Shape.of(numClasses, numClasses), c).cast(DType.INT32);
  }

  private static void add(String op, Tensor labels, Tensor predictions, Tensor weights,
      int numClasses, double[] cells) {
    if (!labels.dtype().isInteger() || !predictions.dtype().isInteger()) {
      throw new InvalidArgumentException(op + ": labels and predictions must be integers, got "
          + labels.dtype() + " and " + predictions.dtype());
    }
    if (labels.size() != predictions.size()) {
      throw new InvalidArgumentException(op + ": labels of shape " + labels.shape()
          + " and predictions of shape " + predictions.shape() + " differ in size");
    }
    float[] w = MetricInputs.weights(op, weights, labels.shape());
    for (int i = 0; i < labels.size(); i++) {
      long l = (long) labels.getDouble(i);
      long p = (long) predictions.getDouble(i);
      if (l < 0 || l >= numClasses || p < 0 || p >= numClasses) {
        throw new InvalidArgumentException(op + ": label " + l + " or prediction " + p
            + " at index " + i + " is outside [0, " + numClasses + ")");
      }
      cells[(int) (l * numClasses + p)] += w == null ? 1 : w[i];
    }
  }
}
