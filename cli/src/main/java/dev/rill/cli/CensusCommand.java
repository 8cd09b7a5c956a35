package dev.rill.cli;

import dev.rill.data.csv.CsvFormatException;
import dev.rill.data.dataset.DatasetException;
import dev.rill.models.census.CensusColumns;
import dev.rill.models.census.CensusInput;
import dev.rill.models.census.CensusModel;
import dev.rill.models.census.CensusSpec;
import dev.rill.train.RunConfig;
import dev.rill.train.canned.CannedEstimator;
import dev.rill.train.hooks.Hook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rill census}: TensorFlow's wide-and-deep census income tutorial. Trains
 * {@code --epochs-per-eval} shuffled epochs at a time, evaluates on the test file after each
 * round and prints it; the last line of standard output is the final evaluation as one JSON
 * object. The CSV's layout and the feature columns come from {@code --columns} (see
 * {@link CensusSpec}) or are the tutorial's for UCI Adult.
 */
@Command(name = "census", mixinStandardHelpOptions = true,
    description = {"Train and evaluate the wide, deep or wide-and-deep census income model of "
        + "TensorFlow's wide_deep tutorial.",
        "The CSV columns and feature columns are UCI Adult's unless --columns names a spec file."})
final class CensusCommand implements Callable<Integer> {
  @Option(names = "--model-type", defaultValue = "wide_deep",
      description = "wide, deep or wide_deep (default: ${DEFAULT-VALUE}).")
  String modelType;

  @Option(names = "--train-data", required = true, description = "Training CSV (adult.data).")
  Path trainData;

  @Option(names = "--test-data", required = true, description = "Evaluation CSV (adult.test).")
  Path testData;

  @Option(names = "--columns", description = "Column spec file (default: the built-in spec of "
      + "UCI Adult). The CPS-1988 spec ships as the resource "
      + "dev/rill/models/census/cps1988.columns; --columns builtin:cps1988 selects it.")
  String columns;

  @Option(names = "--train-epochs", defaultValue = "40",
      description = "Epochs to train (default: ${DEFAULT-VALUE}).")
  int trainEpochs;

  @Option(names = "--epochs-per-eval", defaultValue = "2",
      description = "Epochs between evaluations (default: ${DEFAULT-VALUE}).")
  int epochsPerEval;

  @Option(names = "--batch-size", defaultValue = "40",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--model-dir", description = "Checkpoints go here; training resumes from the "
      + "newest (default: rill-census in the temporary folder).")
  Path modelDir;

  @Option(names = "--hidden-units", split = ",", defaultValue = "100,75,50,25",
      description = "Hidden layers of the deep part (default: ${DEFAULT-VALUE}).")
  List<Integer> hiddenUnits;

  @Option(names = "--shuffle-buffer", defaultValue = "" + CensusInput.TUTORIAL_SHUFFLE_BUFFER,
      description = "Shuffle buffer in examples (default: ${DEFAULT-VALUE}, adult.data's size).")
  int shuffleBuffer;

  @Option(names = "--stop-threshold", description = "Stop once the evaluated accuracy reaches "
      + "this (default: never).")
  Double stopThreshold;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    try {
      return run();
    } catch (IllegalArgumentException | DatasetException | java.io.IOException e) {
      // bad flags, a spec that does not parse, a CSV line that does not fit: the message says
      System.err.println("rill census: " + message(e));
      return 1;
    }
  }

  /** The CSV problem (file, line, column) under the pipeline's wrappers, else the message. */
  private static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CsvFormatException) {
        return t.getMessage();
      }
    }
    return e.getMessage();
  }

  private int run() throws java.io.IOException {
    if (trainEpochs < 1 || epochsPerEval < 1 || batchSize < 1 || shuffleBuffer < 1) {
      throw new IllegalArgumentException("--train-epochs, --epochs-per-eval, --batch-size and "
          + "--shuffle-buffer must be positive");
    }
    for (Path p : List.of(trainData, testData)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("no such file: " + p);
      }
    }
    CensusModel type = CensusModel.of(modelType);
    CensusSpec spec = spec(columns);
    Path dir = modelDir != null ? modelDir
        : Path.of(System.getProperty("java.io.tmpdir"), "rill-census");
    CannedEstimator model = type.build(CensusColumns.of(spec), hiddenUnits,
        RunConfig.of(dir, seed));
    CensusInput input = new CensusInput(spec);

    long examples = CensusInput.count(trainData);
    long stepsPerRound = (examples * epochsPerEval + batchSize - 1) / batchSize;
    var train = input.train(trainData, epochsPerEval, batchSize, shuffleBuffer, seed);
    var test = input.eval(testData, batchSize);
    int rounds = Math.max(1, trainEpochs / epochsPerEval);
    System.err.printf(Locale.ROOT, "census: %s model, %d training examples, %d rounds of %d "
        + "epochs (%d steps each)%n", type.flag(), examples, rounds, epochsPerEval,
        stepsPerRound);
    Map<String, Double> result = null;
    for (int n = 1; n <= rounds; n++) {
      long start = currentStep(model);
      List<Hook> hooks = List.of(new ProgressHook("census", start + stepsPerRound));
      model.train(train, -1, hooks);
      result = model.evaluate(test);
      System.out.println(String.format(Locale.ROOT, "Results at epoch %d / %d: ",
          n * epochsPerEval, trainEpochs) + text(result));
      System.out.flush();
      if (stopThreshold != null && result.getOrDefault("accuracy", 0.0) >= stopThreshold) {
        System.err.printf(Locale.ROOT, "census: accuracy %.4f reached the threshold %.4f%n",
            result.get("accuracy"), stopThreshold);
        break;
      }
    }
    System.out.println(json(result));
    return 0;
  }

  /** The spec file, a built-in spec ({@code builtin:adult}, {@code builtin:cps1988}) or Adult's. */
  static CensusSpec spec(String columns) throws java.io.IOException {
    if (columns == null || columns.equals("builtin:adult")) {
      return CensusSpec.adult();
    }
    if (columns.startsWith("builtin:")) {
      return CensusSpec.resource(columns.substring("builtin:".length()) + ".columns");
    }
    Path file = Path.of(columns);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such column spec file: " + file);
    }
    return CensusSpec.read(file);
  }

  private static long currentStep(CannedEstimator model) {
    try {
      return model.variableValue("global_step").longValue();
    } catch (IllegalStateException | IllegalArgumentException e) {
      return 0; // no checkpoint yet
    }
  }

  /** The metrics sorted by name, global_step last. */
  private static Map<String, Double> ordered(Map<String, Double> result) {
    Map<String, Double> m = new TreeMap<>(result);
    m.remove("global_step");
    return m;
  }

  static String text(Map<String, Double> result) {
    StringBuilder b = new StringBuilder();
    ordered(result).forEach((k, v) -> b.append(k).append(' ').append(number(v)).append(", "));
    return b.append("global_step ").append(result.get("global_step").longValue()).toString();
  }

  static String json(Map<String, Double> result) {
    StringBuilder b = new StringBuilder("{");
    ordered(result).forEach((k, v) -> b.append('"').append(k).append("\":").append(number(v))
        .append(','));
    return b.append("\"global_step\":").append(result.get("global_step").longValue()).append('}')
        .toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
  }
}
