package dev.rill.bench.peers;

import static dev.rill.bench.peers.MnistWeights.CONV1;
import static dev.rill.bench.peers.MnistWeights.CONV2;
import static dev.rill.bench.peers.MnistWeights.FLAT;
import static dev.rill.bench.peers.MnistWeights.HIDDEN;
import static dev.rill.bench.peers.MnistWeights.KERNEL;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.bench.step.Workload;
import java.util.List;
import java.util.function.Function;

/**
 * The MNIST CNN on PyTorch (libtorch through DJL), written with DJL's functional ops in NCHW, as
 * eager PyTorch code would be: a training step records the forward pass under a gradient
 * collector, runs backward, then applies plain SGD in place and zeroes the gradients; inference
 * runs with gradient recording off. Each run copies the batch into new arrays.
 */
public final class PyTorchMnist implements Workload {
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);

  private final MnistTask task;
  private final MnistBatch batch;
  private final NDManager manager;
  private final NDArray k1;
  private final NDArray b1;
  private final NDArray k2;
  private final NDArray b2;
  private final NDArray w3;
  private final NDArray b3;
  private final NDArray w4;
  private final NDArray b4;
  private final List<NDArray> params;

  /** Call {@link PyTorchSetup#configure} before the first instance. */
  public PyTorchMnist(MnistTask task, MnistBatch batch, MnistWeights init) {
    this.task = task;
    this.batch = batch;
    this.manager = NDManager.newBaseManager(PyTorchSetup.ENGINE);
    k1 = manager.create(MnistWeights.hwioToOihw(init.conv1(), 1, CONV1),
        new Shape(CONV1, 1, KERNEL, KERNEL));
    b1 = manager.zeros(new Shape(CONV1));
    k2 = manager.create(MnistWeights.hwioToOihw(init.conv2(), CONV1, CONV2),
        new Shape(CONV2, CONV1, KERNEL, KERNEL));
    b2 = manager.zeros(new Shape(CONV2));
    w3 = manager.create(MnistWeights.dense1ToTorch(init.dense1()), new Shape(HIDDEN, FLAT));
    b3 = manager.zeros(new Shape(HIDDEN));
    w4 = manager.create(MnistWeights.transpose(init.dense2(), HIDDEN, 10), new Shape(10, HIDDEN));
    b4 = manager.zeros(new Shape(10));
    params = List.of(k1, b1, k2, b2, w3, b3, w4, b4);
    if (task.training()) {
      params.forEach(p -> p.setRequiresGradient(true));
    }
  }

  private NDArray logits(NDArray images, boolean training) {
    // [n, 784] is [n, 1, 28, 28] in NCHW as much as [n, 28, 28, 1] in NHWC: one channel
    NDArray x = images.reshape(-1, 1, 28, 28);
    x = pool(Activation.relu(Conv2d.conv2d(x, k1, b1, ONE, TWO).singletonOrThrow()));
    x = pool(Activation.relu(Conv2d.conv2d(x, k2, b2, ONE, TWO).singletonOrThrow()));
    x = x.reshape(-1, FLAT);
    x = Activation.relu(Linear.linear(x, w3, b3).singletonOrThrow());
    if (training) {
      x = Dropout.dropout(x, MnistWeights.DROPOUT_RATE, true).singletonOrThrow();
    }
    return Linear.linear(x, w4, b4).singletonOrThrow();
  }

  private static NDArray pool(NDArray x) {
    return Pool.maxPool2d(x, TWO, TWO, new Shape(0, 0), false);
  }

  @Override
  public String engine() {
    return "pytorch";
  }

  @Override
  public int examples() {
    return task.batch();
  }

  @Override
  public double run() {
    if (task.training()) {
      return train();
    }
    return infer(p -> p.getFloat(0, 0));
  }

  /** Runs one inference and returns all class probabilities, [batch * 10] row-major. */
  public float[] probabilities() {
    if (task.training()) {
      throw new IllegalStateException("a training workload has no probabilities");
    }
    return infer(NDArray::toFloatArray);
  }

  private <R> R infer(Function<NDArray, R> read) {
    // every array an op makes belongs to its first operand's manager: the step's, closed at the end
    try (NDManager step = manager.newSubManager()) {
      NDArray images = step.create(batch.images(), new Shape(batch.size(), MnistBatch.PIXELS));
      return read.apply(logits(images, false).softmax(1));
    }
  }

  private double train() {
    try (NDManager step = manager.newSubManager()) {
      NDArray images = step.create(batch.images(), new Shape(batch.size(), MnistBatch.PIXELS));
      NDArray labels = step.create(batch.labels(), new Shape(batch.size(), 1))
          .toType(DataType.INT64, false);
      float loss;
      try (GradientCollector tape = Engine.getEngine(PyTorchSetup.ENGINE).newGradientCollector()) {
        NDArray logits = logits(images, true);
        NDArray mean = logits.logSoftmax(1).gather(labels, 1).mean().neg();
        tape.backward(mean);
        loss = mean.getFloat();
      }
      // outside the collector gradient recording is off, so the update is not recorded
      for (NDArray p : params) {
        try (NDArray g = p.getGradient()) {
          g.muli(MnistTask.LEARNING_RATE);
          p.subi(g);
        }
        JniUtils.zeroGrad((PtNDArray) p);
      }
      return loss;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
