package dev.rill.bench.peers;

import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.data.mnist.MnistData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The MNIST tutorial's training run on TensorFlow, as an oracle for {@code rill mnist}: the same
 * network, glorot-uniform start, plain SGD at 0.001, batch 100, the 55000 training images
 * reshuffled every epoch, evaluated on the 10000 test images at the given steps. Each evaluation
 * prints one JSON line in {@code rill mnist}'s format. Slow (minutes to tens of minutes): a
 * command, not a test.
 *
 * {@snippet lang=sh :
 * java ... TutorialOracle --data-dir data/fashion --seed 42 --eval-at 1000,2000,5000,10000,20000
 * }
 */
public final class TutorialOracle {
  private static final int BATCH = 100;
  private static final int EVAL_BATCH = 1000;

  private TutorialOracle() {}

  public static void main(String[] args) throws IOException {
    Path dataDir = null;
    long seed = 42;
    int threads = Runtime.getRuntime().availableProcessors();
    int[] evalAt = {1000, 2000, 5000, 10000, 20000};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--eval-at" -> evalAt = Arrays.stream(args[++i].split(","))
            .mapToInt(Integer::parseInt).sorted().toArray();
        default -> throw new IllegalArgumentException("TutorialOracle: unknown argument "
            + args[i] + "; takes --data-dir D [--seed S] [--threads N] [--eval-at 1000,2000]");
      }
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("TutorialOracle: --data-dir is required");
    }
    MnistData data = MnistData.load(dataDir);
    float[] trainX = data.train().flatImages().toFloatArray();
    int[] trainY = data.train().intLabels().toIntArray();
    float[] testX = data.test().flatImages().toFloatArray();
    int[] testY = data.test().intLabels().toIntArray();
    int rows = trainY.length;

    MnistBatch shape = MnistBatch.random(BATCH, seed);
    try (TensorFlowMnist tf = new TensorFlowMnist(MnistTask.TRAIN_100, shape,
        MnistWeights.glorot(seed), threads)) {
      SplittableRandom random = new SplittableRandom(seed);
      int[] order = new int[rows];
      int pos = rows;
      float[] x = new float[BATCH * MnistBatch.PIXELS];
      int[] y = new int[BATCH];
      long start = System.nanoTime();
      int last = evalAt[evalAt.length - 1];
      for (int step = 1, next = 0; step <= last; step++) {
        if (pos >= rows) {
          shuffle(order, random);
          pos = 0;
        }
        int n = Math.min(BATCH, rows - pos);
        for (int r = 0; r < n; r++) {
          int src = order[pos + r];
          System.arraycopy(trainX, src * MnistBatch.PIXELS, x, r * MnistBatch.PIXELS,
              MnistBatch.PIXELS);
          y[r] = trainY[src];
        }
        pos += n;
        tf.train(x, y, n);
        if (step == evalAt[next]) {
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.println(evaluate(tf, testX, testY, step, step * (double) BATCH / seconds));
          next++;
        }
      }
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

  /** Accuracy and mean cross-entropy on the test images, as one JSON line. */
  private static String evaluate(TensorFlowMnist tf, float[] x, int[] y, int step,
      double examplesPerSecond) {
    int correct = 0;
    double loss = 0;
    for (int from = 0; from < y.length; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, y.length - from);
      float[] p = tf.probabilities(Arrays.copyOfRange(x, from * MnistBatch.PIXELS,
          (from + n) * MnistBatch.PIXELS), n);
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int c = 1; c < MnistBatch.CLASSES; c++) {
          if (p[r * MnistBatch.CLASSES + c] > p[r * MnistBatch.CLASSES + best]) {
            best = c;
          }
        }
        correct += best == y[from + r] ? 1 : 0;
        loss -= Math.log(Math.max(p[r * MnistBatch.CLASSES + y[from + r]], Float.MIN_VALUE));
      }
    }
    return String.format(Locale.ROOT, "{\"engine\":\"tensorflow\",\"accuracy\":%.4f,"
            + "\"loss\":%.4f,\"global_step\":%d,\"train_examples_per_sec\":%.1f}",
        correct / (double) y.length, loss / y.length, step, examplesPerSecond);
  }
}
