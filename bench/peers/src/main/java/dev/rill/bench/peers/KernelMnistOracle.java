package dev.rill.bench.peers;

import dev.rill.data.mnist.MnistData;
import dev.rill.train.kernel.RandomFourierFeatureMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The explicit kernel methods tutorial's two MNIST models on TensorFlow, as an oracle for
 * {@code rill kernel-mnist}: the same configuration built from TensorFlow's raw ops. The first
 * 5000 training images are held out for validation, the other 55000 are reshuffled every epoch
 * and fed in batches of 256 (the epoch's last batch is smaller) for 2000 steps. The model is a
 * zero-initialised linear layer with bias, [features, 10], under the mean sparse softmax
 * cross-entropy of the batch, trained by {@code ApplyFtrlV2} with TensorFlow's defaults
 * otherwise (learning rate power -0.5, accumulators starting at 0.1, no L1, no L2 shrinkage):
 * <ul>
 *   <li>linear: on the 784 pixels, FTRL learning rate 5.0, L2 1.0;
 *   <li>{@code --kernel}: on {@code sqrt(2/D) cos(x . omega + b)}, omega ~ N(0, 1/stddev²)
 *       [784, D] and b ~ U(0, 2π) [D] drawn once from the seed and held as graph constants,
 *       FTRL learning rate 50.0, L2 0.001.
 * </ul>
 * The shuffling is {@code rill kernel-mnist}'s (the same seeded Fisher-Yates), so both see the
 * same batches; {@code --rill-features} takes omega and b from Rill's mapper of the same seed as
 * well. Evaluates accuracy and mean loss on the 5000 validation images and prints one JSON line
 * in {@code rill kernel-mnist}'s format.
 *
 * {@snippet lang=sh :
 * java ... KernelMnistOracle --data-dir data/mnist --kernel --seed 1
 * }
 */
public final class KernelMnistOracle {
  private static final int PIXELS = 784;
  private static final int CLASSES = 10;
  private static final int VALIDATION = 5000;
  private static final float LINEAR_LEARNING_RATE = 5.0f;
  private static final float LINEAR_L2 = 1.0f;
  private static final float KERNEL_LEARNING_RATE = 50.0f;
  private static final float KERNEL_L2 = 0.001f;
  private static final float LEARNING_RATE_POWER = -0.5f;
  private static final float INITIAL_ACCUMULATOR = 0.1f;

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> correct;
  private final Op train;

  private KernelMnistOracle(boolean kernel, int outputDim, double stddev, long seed,
      boolean rillFeatures, int threads) {
    TensorFlowMnist.registerLossGradient();
    Ops tf = Ops.create(graph);
    images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, PIXELS)));
    labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> features = kernel
        ? randomFeatures(tf, images, outputDim, stddev, seed, rillFeatures) : images;
    int inputs = kernel ? outputDim : PIXELS;

    Variable<TFloat32> weights = filled(tf, 0f, inputs, CLASSES);
    Variable<TFloat32> bias = filled(tf, 0f, CLASSES);
    Operand<TFloat32> logits = tf.nn.biasAdd(tf.linalg.matMul(features, weights), bias);
    loss = tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels).loss(),
        tf.constant(0));
    Operand<TInt64> predicted = tf.math.argMax(logits, tf.constant(1));
    correct = tf.reduceSum(tf.dtypes.cast(
        tf.math.equal(predicted, tf.dtypes.cast(labels, TInt64.class)), TFloat32.class),
        tf.constant(0));

    var grads = tf.gradients(loss, List.of(weights, bias));
    Ftrl ftrl = new Ftrl(tf, kernel ? KERNEL_LEARNING_RATE : LINEAR_LEARNING_RATE,
        kernel ? KERNEL_L2 : LINEAR_L2);
    Op updateWeights = ftrl.apply(weights, grads.dy(0), inputs, CLASSES);
    Op updateBias = ftrl.apply(bias, grads.dy(1), CLASSES);
    train = tf.withControlDependencies(List.of(updateWeights, updateBias)).noOp();

    session = new Session(graph, ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .build());
    session.initialize();
  }

  /**
   * {@code sqrt(2/D) cos(x . omega + b)} with the frequencies and phases embedded as constants, so
   * nothing trains them: drawn here from the seed, or with {@code rillFeatures} the very ones
   * Rill's mapper draws from it, which leaves the training as the only difference from Rill's run.
   */
  private static Operand<TFloat32> randomFeatures(Ops tf, Operand<TFloat32> x, int outputDim,
      double stddev, long seed, boolean rillFeatures) {
    float[] omega;
    float[] phase;
    if (rillFeatures) {
      RandomFourierFeatureMapper mapper =
          new RandomFourierFeatureMapper(PIXELS, outputDim, stddev, seed);
      omega = mapper.omega().toFloatArray();
      phase = mapper.bias().toFloatArray();
    } else {
      // a stream of its own, apart from the shuffling's
      SplittableRandom random = new SplittableRandom(seed).split();
      omega = new float[PIXELS * outputDim];
      for (int i = 0; i < omega.length; i++) {
        omega[i] = (float) (random.nextGaussian() / stddev);
      }
      phase = new float[outputDim];
      for (int i = 0; i < outputDim; i++) {
        phase[i] = (float) (random.nextDouble() * 2 * Math.PI);
      }
    }
    Operand<TFloat32> projected = tf.nn.biasAdd(tf.linalg.matMul(x,
            tf.constant(Shape.of(PIXELS, outputDim), DataBuffers.of(omega))),
        tf.constant(Shape.of(outputDim), DataBuffers.of(phase)));
    return tf.math.mul(tf.math.cos(projected), tf.constant((float) Math.sqrt(2.0 / outputDim)));
  }

  /** FTRL's hyperparameters as graph constants, TensorFlow's defaults but the two given. */
  private record Ftrl(Ops tf, Operand<TFloat32> lr, Operand<TFloat32> l1, Operand<TFloat32> l2,
      Operand<TFloat32> shrinkage, Operand<TFloat32> power) {
    Ftrl(Ops tf, float learningRate, float l2) {
      this(tf, tf.constant(learningRate), tf.constant(0f), tf.constant(l2), tf.constant(0f),
          tf.constant(LEARNING_RATE_POWER));
    }

    /**
     * One update of {@code var} by {@code grad}, with its accumulator and linear slots. TF Java's
     * applyFtrl is the ApplyFtrlV2 kernel; without L2 shrinkage it is ApplyFtrl's update.
     */
    Op apply(Variable<TFloat32> var, Operand<TFloat32> grad, long... shape) {
      return tf.train.applyFtrl(var, filled(tf, INITIAL_ACCUMULATOR, shape),
          filled(tf, 0f, shape), grad, lr, l1, l2, shrinkage, power);
    }
  }

  /** A float variable of this shape, every element starting at {@code value}. */
  private static Variable<TFloat32> filled(Ops tf, float value, long... shape) {
    float[] init = new float[Math.toIntExact(Shape.of(shape).size())];
    Arrays.fill(init, value);
    return tf.variable(tf.constant(Shape.of(shape), DataBuffers.of(init)));
  }

  /** One FTRL step on {@code n} images and labels of the caller's. */
  private void train(float[] pixels, int[] classes, int n) {
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, PIXELS), DataBuffers.of(pixels, true, false));
        TInt32 y = TInt32.tensorOf(Shape.of(n), DataBuffers.of(classes, true, false))) {
      session.runner().feed(images, x).feed(labels, y).addTarget(train).run().close();
    }
  }

  /** Accuracy and mean loss over all of these images, in one batch as the tutorial evaluates. */
  private double[] evaluate(float[] pixels, int[] classes) {
    int n = classes.length;
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, PIXELS), DataBuffers.of(pixels, true, false));
        TInt32 y = TInt32.tensorOf(Shape.of(n), DataBuffers.of(classes, true, false));
        Result r = session.runner().feed(images, x).feed(labels, y).fetch(correct).fetch(loss)
            .run()) {
      return new double[] {((TFloat32) r.get(0)).getFloat() / n, ((TFloat32) r.get(1)).getFloat()};
    }
  }

  private void close() {
    session.close();
    graph.close();
  }

  public static void main(String[] args) throws IOException {
    Path dataDir = null;
    boolean kernel = false;
    boolean rillFeatures = false;
    long seed = 42;
    double stddev = 5.0;
    int outputDim = 2000;
    int trainSteps = 2000;
    int batch = 256;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--kernel" -> kernel = true;
        case "--rill-features" -> rillFeatures = true;
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--stddev" -> stddev = Double.parseDouble(args[++i]);
        case "--output-dim" -> outputDim = Integer.parseInt(args[++i]);
        case "--train-steps" -> trainSteps = Integer.parseInt(args[++i]);
        case "--batch-size" -> batch = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("KernelMnistOracle: unknown argument "
            + args[i] + "; takes --data-dir D [--kernel] [--rill-features] [--seed S] "
            + "[--stddev F] [--output-dim N] [--train-steps N] [--batch-size N] [--threads N]");
      }
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("KernelMnistOracle: --data-dir is required");
    }
    MnistData data = MnistData.load(dataDir, VALIDATION);
    float[] trainX = data.train().flatImages().toFloatArray();
    int[] trainY = data.train().intLabels().toIntArray();
    float[] validX = data.validation().flatImages().toFloatArray();
    int[] validY = data.validation().intLabels().toIntArray();
    int rows = trainY.length;

    KernelMnistOracle oracle = new KernelMnistOracle(kernel, outputDim, stddev, seed, rillFeatures,
        threads);
    try {
      SplittableRandom random = new SplittableRandom(seed);
      int[] order = new int[rows];
      int pos = rows;
      float[] x = new float[batch * PIXELS];
      int[] y = new int[batch];
      long start = System.nanoTime();
      for (int step = 1; step <= trainSteps; step++) {
        if (pos >= rows) {
          shuffle(order, random);
          pos = 0;
        }
        int n = Math.min(batch, rows - pos);
        for (int r = 0; r < n; r++) {
          int src = order[pos + r];
          System.arraycopy(trainX, src * PIXELS, x, r * PIXELS, PIXELS);
          y[r] = trainY[src];
        }
        pos += n;
        oracle.train(n == batch ? x : Arrays.copyOf(x, n * PIXELS),
            n == batch ? y : Arrays.copyOf(y, n), n);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] result = oracle.evaluate(validX, validY);
      System.out.println(String.format(Locale.ROOT, "{\"engine\":\"tensorflow\",\"model\":\"%s\","
              + "\"accuracy\":%.4f,\"loss\":%.4f,\"global_step\":%d,\"train_seconds\":%.1f}",
          kernel ? "kernel" : "linear", result[0], result[1], trainSteps, seconds));
    } finally {
      oracle.close();
    }
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
