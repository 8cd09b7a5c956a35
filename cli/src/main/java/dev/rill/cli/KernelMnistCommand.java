package dev.rill.cli;

import dev.rill.data.mnist.MnistData;
import dev.rill.data.mnist.SyntheticDigits;
import dev.rill.models.kernel.KernelMnist;
import dev.rill.train.RunConfig;
import dev.rill.train.canned.CannedEstimator;
import dev.rill.train.hooks.NanTensorHook;
import dev.rill.train.hooks.StepCounterHook;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rill kernel-mnist}: TensorFlow's "Improving Linear Models Using Explicit Kernel Methods"
 * tutorial. Trains a linear classifier on MNIST's pixels (or, with {@code --kernel}, on random
 * Fourier features of them), evaluates it on the validation split as the tutorial does, and
 * prints accuracy, loss and training seconds as one JSON line.
 */
@Command(name = "kernel-mnist", mixinStandardHelpOptions = true,
    description = {"Train and evaluate the linear and kernelized MNIST classifiers of "
        + "TensorFlow's explicit kernel methods tutorial.",
        "Without --data-dir it uses digits Rill draws itself (no download)."})
final class KernelMnistCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Folder with MNIST's IDX files, plain or .gz. "
      + "Get them with: rill data fetch mnist --to DIR")
  Path dataDir;

  @Option(names = "--kernel", description = "Map the pixels to random Fourier features first "
      + "(KernelLinearClassifier, FTRL 50.0, L2 0.001); otherwise a LinearClassifier on the "
      + "pixels (FTRL 5.0, L2 1.0).")
  boolean kernel;

  @Option(names = "--output-dim", defaultValue = "2000", description = "Random features with "
      + "--kernel (default: ${DEFAULT-VALUE}).")
  int outputDim;

  @Option(names = "--stddev", defaultValue = "5.0", description = "Width of the Gaussian kernel "
      + "with --kernel (default: ${DEFAULT-VALUE}).")
  double stddev;

  @Option(names = "--learning-rate", description = "FTRL learning rate (default: 5.0, or 50.0 "
      + "with --kernel, as the tutorial).")
  Double learningRate;

  @Option(names = "--l2", description = "FTRL L2 strength (default: 1.0, or 0.001 with "
      + "--kernel, as the tutorial).")
  Double l2;

  @Option(names = "--train-steps", defaultValue = "2000", description = "Train until this "
      + "global step (default: ${DEFAULT-VALUE}).")
  long trainSteps;

  @Option(names = "--batch-size", defaultValue = "256", description = "Training batch size "
      + "(default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the random features "
      + "and of shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--validation-size", defaultValue = "5000", description = "First training "
      + "images held out for evaluation, as the tutorial's loader does (default: "
      + "${DEFAULT-VALUE}).")
  int validationSize;

  @Option(names = "--synthetic-train", defaultValue = "12000", description = "Embedded digits "
      + "to train on when there is no --data-dir (default: ${DEFAULT-VALUE}).")
  int syntheticTrain;

  @Option(names = "--synthetic-validation", defaultValue = "2000", description = "Embedded "
      + "digits to evaluate on when there is no --data-dir (default: ${DEFAULT-VALUE}).")
  int syntheticValidation;

  @Option(names = "--model-dir", description = "Checkpoints go here (default: "
      + "rill-kernel-mnist[-kernel][-synthetic] in the temporary folder).")
  Path modelDir;

  @Override
  public Integer call() throws Exception {
    MnistData data = load();
    KernelMnist model = kernel ? KernelMnist.kernel(outputDim, stddev, seed) : KernelMnist.linear();
    model = model.withOptimizer(learningRate != null ? learningRate : model.learningRate(),
        l2 != null ? l2 : model.l2());
    System.err.printf(Locale.ROOT, "%s: FTRL learning rate %s, l2 %s%s%n",
        kernel ? "KernelLinearClassifier" : "LinearClassifier", model.learningRate(), model.l2(),
        kernel ? ", " + model.mapper() : "");
    CannedEstimator classifier = model.classifier(RunConfig.of(modelDir(), seed));

    StepCounterHook counter = new StepCounterHook(100);
    long start = System.nanoTime();
    classifier.train(KernelMnist.trainInput(data.train(), batchSize, seed), -1, trainSteps,
        List.of(counter, new NanTensorHook(), new ProgressHook("kernel-mnist", trainSteps)));
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, Double> result = classifier.evaluate(KernelMnist.evalInput(data.validation()));
    System.out.println(String.format(Locale.ROOT,
        "{\"model\":\"%s\",\"accuracy\":%.4f,\"loss\":%.4f,\"global_step\":%d,"
            + "\"train_seconds\":%.1f}",
        kernel ? "kernel" : "linear", result.get("accuracy"), result.get("loss"),
        result.get("global_step").longValue(), seconds));
    return 0;
  }

  private MnistData load() throws java.io.IOException {
    if (dataDir != null) {
      return MnistData.load(dataDir, validationSize);
    }
    System.err.printf("No --data-dir: using %d embedded synthetic digits for training and %d for "
        + "validation (no download).%n", syntheticTrain, syntheticValidation);
    return SyntheticDigits.generate(syntheticTrain, syntheticValidation, 0, seed);
  }

  private Path modelDir() {
    if (modelDir != null) {
      return modelDir;
    }
    String name = "rill-kernel-mnist" + (kernel ? "-kernel" : "")
        + (dataDir == null ? "-synthetic" : "");
    return Path.of(System.getProperty("java.io.tmpdir"), name);
  }
}
