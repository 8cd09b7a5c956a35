package dev.rill.bench.peers;

import static dev.rill.bench.peers.MnistWeights.CONV1;
import static dev.rill.bench.peers.MnistWeights.CONV2;
import static dev.rill.bench.peers.MnistWeights.FLAT;
import static dev.rill.bench.peers.MnistWeights.HIDDEN;
import static dev.rill.bench.peers.MnistWeights.KERNEL;

import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.bench.step.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The MNIST CNN as one TensorFlow graph (built once through TF Java's ops API) run by a session:
 * a training step fetches the loss and runs the SGD updates, an inference fetches the softmax.
 * The batch is copied into fresh input tensors on every run, as a real input pipeline would.
 */
public final class TensorFlowMnist implements Workload {
  private static boolean lossGradientRegistered;

  private final MnistTask task;
  private final MnistBatch batch;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  /** The mean loss when training, the class probabilities otherwise. */
  private final Operand<TFloat32> output;
  private final Op train;
  /** Class probabilities without dropout. */
  private final Operand<TFloat32> evalOutput;

  /**
   * @param threads both TensorFlow pools (intra-op and inter-op) get this many threads
   */
  public TensorFlowMnist(MnistTask task, MnistBatch batch, MnistWeights init, int threads) {
    this.task = task;
    this.batch = batch;
    registerLossGradient();
    Ops tf = Ops.create(graph);
    images = tf.placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, MnistBatch.PIXELS)));
    labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

    List<Variable<TFloat32>> params = new ArrayList<>();
    Variable<TFloat32> k1 = param(tf, params, init.conv1(), KERNEL, KERNEL, 1, CONV1);
    Variable<TFloat32> b1 = param(tf, params, new float[CONV1], CONV1);
    Variable<TFloat32> k2 = param(tf, params, init.conv2(), KERNEL, KERNEL, CONV1, CONV2);
    Variable<TFloat32> b2 = param(tf, params, new float[CONV2], CONV2);
    Variable<TFloat32> w3 = param(tf, params, init.dense1(), FLAT, HIDDEN);
    Variable<TFloat32> b3 = param(tf, params, new float[HIDDEN], HIDDEN);
    Variable<TFloat32> w4 = param(tf, params, init.dense2(), HIDDEN, 10);
    Variable<TFloat32> b4 = param(tf, params, new float[10], 10);

    Operand<TFloat32> logits = logits(tf, task.training(), k1, b1, k2, b2, w3, b3, w4, b4);
    if (task.training()) {
      output = tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels).loss(),
          tf.constant(0));
      var grads = tf.gradients(output, params);
      Operand<TFloat32> lr = tf.constant(MnistTask.LEARNING_RATE);
      List<Op> updates = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        updates.add(tf.train.applyGradientDescent(params.get(i), lr, grads.<TFloat32>dy(i)));
      }
      train = tf.withControlDependencies(updates).noOp();
      // the same weights without dropout, for evaluating while training
      evalOutput = tf.nn.softmax(logits(tf, false, k1, b1, k2, b2, w3, b3, w4, b4));
    } else {
      output = tf.nn.softmax(logits);
      evalOutput = output;
      train = null;
    }

    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .build();
    session = new Session(graph, config);
    session.initialize();
  }

  /**
   * TensorFlow's C++ gradient registry, which graph gradients use, has none for the fused sparse
   * softmax cross-entropy (Python defines it). It is the op's own second output, the gradient of
   * each example's loss with respect to its logits, scaled by the incoming gradient: the same
   * rule Python applies. The labels get zeros. Registered once per JVM, for every graph here.
   */
  static synchronized void registerLossGradient() {
    if (lossGradientRegistered) {
      return;
    }
    TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.OP_NAME,
        (tf, op, upstream) -> {
          Operand<TFloat32> dLoss = tf.expandDims(upstream.get(0).expect(TFloat32.class),
              tf.constant(-1));
          Operand<TFloat32> dLogits = tf.math.mul(dLoss, op.<TFloat32>output(1));
          // TF Java wants an operand for every input; nothing reads this one, so it is pruned
          return List.of(dLogits, tf.zerosLike(op.input(1)));
        });
    lossGradientRegistered = true;
  }

  /** The tutorial's network on the images placeholder, with dropout when training. */
  private Operand<TFloat32> logits(Ops tf, boolean dropout, Operand<TFloat32> k1,
      Operand<TFloat32> b1, Operand<TFloat32> k2, Operand<TFloat32> b2, Operand<TFloat32> w3,
      Operand<TFloat32> b3, Operand<TFloat32> w4, Operand<TFloat32> b4) {
    Operand<TFloat32> x = tf.reshape(images, tf.constant(new int[] {-1, 28, 28, 1}));
    x = pool(tf, tf.nn.relu(tf.nn.biasAdd(conv(tf, x, k1), b1)));
    x = pool(tf, tf.nn.relu(tf.nn.biasAdd(conv(tf, x, k2), b2)));
    x = tf.reshape(x, tf.constant(new int[] {-1, FLAT}));
    x = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(x, w3), b3));
    if (dropout) {
      x = dropout(tf, x, MnistWeights.DROPOUT_RATE);
    }
    return tf.nn.biasAdd(tf.linalg.matMul(x, w4), b4);
  }

  /** One training step on {@code n} images and labels of the caller's; returns the mean loss. */
  public float train(float[] pixels, int[] classes, int n) {
    if (train == null) {
      throw new IllegalStateException("an inference workload does not train");
    }
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, MnistBatch.PIXELS),
            DataBuffers.of(pixels, true, false));
        TInt32 y = TInt32.tensorOf(Shape.of(n), DataBuffers.of(classes, true, false));
        Result r = session.runner().feed(images, x).feed(labels, y).fetch(output)
            .addTarget(train).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /** Class probabilities of {@code n} images from the current weights, dropout off: [n * 10]. */
  public float[] probabilities(float[] pixels, int n) {
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, MnistBatch.PIXELS),
            DataBuffers.of(pixels, true, false));
        Result r = session.runner().feed(images, x).fetch(evalOutput).run()) {
      float[] p = new float[n * MnistBatch.CLASSES];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(p, false, false));
      return p;
    }
  }

  private static Variable<TFloat32> param(Ops tf, List<Variable<TFloat32>> params, float[] init,
      long... shape) {
    Variable<TFloat32> v = tf.variable(tf.constant(Shape.of(shape), DataBuffers.of(init)));
    params.add(v);
    return v;
  }

  private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    return tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
  }

  private static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x) {
    return tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}),
        tf.constant(new int[] {1, 2, 2, 1}), "VALID");
  }

  /** Inverted dropout: keeps an activation with probability 1 - rate and scales it up. */
  private static Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x, float rate) {
    Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(x), TFloat32.class);
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)),
        TFloat32.class);
    return tf.math.mul(tf.math.mul(x, keep), tf.constant(1 / (1 - rate)));
  }

  @Override
  public String engine() {
    return "tensorflow";
  }

  @Override
  public int examples() {
    return task.batch();
  }

  @Override
  public double run() {
    return step(out -> task.training() ? out.getFloat() : out.getFloat(0, 0));
  }

  /** Runs one inference and returns all class probabilities, [batch * 10] row-major. */
  public float[] probabilities() {
    if (task.training()) {
      throw new IllegalStateException("a training workload has no probabilities");
    }
    return step(out -> {
      float[] p = new float[task.batch() * MnistBatch.CLASSES];
      out.copyTo(DataBuffers.of(p, false, false));
      return p;
    });
  }

  /** Feeds the batch, runs the graph once and reads the fetched output before it is freed. */
  private <R> R step(Function<TFloat32, R> read) {
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(batch.size(), MnistBatch.PIXELS),
            DataBuffers.of(batch.images(), true, false));
        TInt32 y = train == null ? null : TInt32.tensorOf(Shape.of(batch.size()),
            DataBuffers.of(batch.labels(), true, false))) {
      Session.Runner runner = session.runner().feed(images, x).fetch(output);
      if (train != null) {
        runner.feed(labels, y).addTarget(train);
      }
      try (Result r = runner.run()) {
        return read.apply((TFloat32) r.get(0));
      }
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
