package dev.rill.cli;

import dev.rill.core.Tensor;
import dev.rill.data.mnist.LabeledImages;
import dev.rill.data.mnist.MnistData;
import dev.rill.data.mnist.SyntheticDigits;
import dev.rill.models.mnist.MnistCnn;
import dev.rill.train.Estimator;
import dev.rill.train.RunConfig;
import dev.rill.train.hooks.LoggingTensorHook;
import dev.rill.train.hooks.NanTensorHook;
import dev.rill.train.hooks.StepCounterHook;
import dev.rill.train.input.NumpyInputFn;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rill mnist}: TensorFlow's "A Guide to TF Layers" CNN tutorial. Trains to
 * {@code --train-steps} (resuming from the newest checkpoint in {@code --model-dir}), evaluates on
 * the test set, and prints the result as one JSON line.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true,
    description = {"Train and evaluate the MNIST CNN of TensorFlow's layers tutorial.",
        "Without --data-dir it uses digits Rill draws itself (no download)."},
    subcommands = {MnistPredictCommand.class})
final class MnistCommand implements Callable<Integer> {
  /** Embedded default: enough steps for a clear result in about two minutes on 2 cores. */
  static final int SYNTHETIC_STEPS = 300;
  static final double SYNTHETIC_LEARNING_RATE = 0.05;
  static final int TUTORIAL_STEPS = 20_000;

  @Mixin
  MnistOptions options;

  @Option(names = "--train-steps", description = "Train until this global step (default: "
      + TUTORIAL_STEPS + " on real data, " + SYNTHETIC_STEPS + " on the embedded digits).")
  Integer trainSteps;

  @Option(names = "--batch-size", defaultValue = "100", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--learning-rate", description = "SGD learning rate (default: 0.001 as the "
      + "tutorial on real data, " + SYNTHETIC_LEARNING_RATE + " on the embedded digits).")
  Double learningRate;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, dropout and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--save-checkpoints-steps", defaultValue = "1000", description = "Save a "
      + "checkpoint every N steps (default: ${DEFAULT-VALUE}); training resumes from the newest.")
  int saveCheckpointsSteps;

  @Option(names = "--log-every", defaultValue = "50", description = "Log the probabilities every N steps, as the tutorial (default: ${DEFAULT-VALUE}).")
  int logEvery;

  @Override
  public Integer call() throws Exception {
    MnistData data = options.load(seed);
    boolean synthetic = options.dataDir == null;
    long steps = trainSteps != null ? trainSteps : synthetic ? SYNTHETIC_STEPS : TUTORIAL_STEPS;
    double lr = learningRate != null ? learningRate
        : synthetic ? SYNTHETIC_LEARNING_RATE : MnistCnn.LEARNING_RATE_DEFAULT;
    Estimator classifier = new Estimator(MnistCnn::modelFn,
        RunConfig.of(options.modelDir(), seed).withSaveCheckpointsSteps(saveCheckpointsSteps),
        Map.of(MnistCnn.LEARNING_RATE, lr));

    LabeledImages train = data.train();
    var trainInput = NumpyInputFn.builder(Map.of(MnistCnn.FEATURE, train.flatImages()),
        train.intLabels()).batchSize(batchSize).forever().shuffle(seed).build();
    StepCounterHook counter = new StepCounterHook(100);
    classifier.train(trainInput, -1, steps, List.of(
        new LoggingTensorHook(Map.of("probabilities", "softmax_tensor"), logEvery),
        counter, new NanTensorHook(), new ProgressHook("mnist", steps)));

    LabeledImages test = data.test();
    var evalInput = NumpyInputFn.builder(Map.of(MnistCnn.FEATURE, test.flatImages()),
        test.intLabels()).batchSize(batchSize).numEpochs(1).noShuffle().build();
    Map<String, Double> result = classifier.evaluate(evalInput, 0);
    double rate = counter.examplesPerSecond();
    System.out.println(String.format(Locale.ROOT,
        "{\"accuracy\":%.4f,\"loss\":%.4f,\"global_step\":%d,\"train_examples_per_sec\":%s}",
        result.get("accuracy"), result.get("loss"), result.get("global_step").longValue(),
        Double.isNaN(rate) ? "null" : String.format(Locale.ROOT, "%.1f", rate)));
    return 0;
  }

  /** Options that training, evaluation and prediction share. */
  static final class MnistOptions {
    @Option(names = "--data-dir", description = "Folder with MNIST's (or Fashion-MNIST's) IDX "
        + "files, plain or .gz. Get them with: rill data fetch mnist --to DIR")
    Path dataDir;

    @Option(names = "--validation-size", defaultValue = "5000", description = "First training "
        + "images held out for validation, as the tutorial's loader does (default: ${DEFAULT-VALUE}).")
    int validationSize;

    @Option(names = "--synthetic-train", defaultValue = "12000", description = "Embedded digits "
        + "to train on when there is no --data-dir (default: ${DEFAULT-VALUE}).")
    int syntheticTrain;

    @Option(names = "--synthetic-test", defaultValue = "2000", description = "Embedded digits "
        + "to test on when there is no --data-dir (default: ${DEFAULT-VALUE}).")
    int syntheticTest;

    @Option(names = "--model-dir", description = "Checkpoints go here (default: rill-mnist or "
        + "rill-mnist-synthetic in the temporary folder).")
    Path modelDir;

    Path modelDir() {
      if (modelDir != null) {
        return modelDir;
      }
      String name = dataDir == null ? "rill-mnist-synthetic" : "rill-mnist";
      return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    MnistData load(long seed) throws java.io.IOException {
      if (dataDir != null) {
        return MnistData.load(dataDir, validationSize);
      }
      System.err.printf("No --data-dir: using %d embedded synthetic digits for training and %d for "
          + "testing (no download).%n", syntheticTrain, syntheticTest);
      return SyntheticDigits.generate(syntheticTrain, syntheticTest, seed);
    }
  }

  /** Float32 [1, 784] pixels in [0, 1] of a 28x28 grey image. */
  static Tensor pixels(java.awt.image.BufferedImage img) {
    if (img.getWidth() != 28 || img.getHeight() != 28) {
      throw new IllegalArgumentException("expected a 28x28 image, got " + img.getWidth() + "x"
          + img.getHeight());
    }
    float[] px = new float[784];
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        int rgb = img.getRGB(x, y);
        int gray = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
        px[y * 28 + x] = gray / 255f;
      }
    }
    return Tensor.of(dev.rill.core.Shape.of(1, 784), px);
  }
}
