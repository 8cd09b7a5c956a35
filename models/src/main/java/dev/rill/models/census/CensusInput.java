package dev.rill.models.census;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.data.csv.CsvDecoder;
import dev.rill.data.csv.CsvFormatException;
import dev.rill.data.csv.CsvOptions;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.DatasetIterator;
import dev.rill.data.dataset.Pair;
import dev.rill.train.input.DatasetInputFn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input pipeline of the census tutorial for a {@link CensusSpec}: the file's lines, cleaned
 * as the tutorial's download step cleans UCI's files (a line without a comma, such as the
 * comment that opens {@code adult.test}, is skipped; {@code ", "} becomes {@code ","}; a
 * trailing {@code '.'}, as on {@code adult.test}'s labels, is dropped), optionally shuffled,
 * decoded with {@code decode_csv} semantics and the spec's record defaults, the label column
 * turned into 1 (its positive value) or 0, repeated and batched.
 *
 * {@snippet :
 * CensusInput input = new CensusInput(CensusSpec.adult());
 * var train = input.train(Path.of("adult.data"), 2, 40, CensusInput.TUTORIAL_SHUFFLE_BUFFER, 42);
 * var test = input.eval(Path.of("adult.test"), 40);
 * }
 */
public final class CensusInput {
  /** The tutorial's shuffle buffer: the number of examples in {@code adult.data}. */
  public static final int TUTORIAL_SHUFFLE_BUFFER = 32_561;

  private final CensusSpec spec;
  private final CsvDecoder decoder;
  private final List<String> names;
  private final int labelIndex;
  private final byte[] positiveText;
  private final double positiveNumber;

  public CensusInput(CensusSpec spec) {
    this.spec = spec;
    this.decoder = new CsvDecoder(spec.recordDefaults(), CsvOptions.DEFAULT);
    this.names = spec.columnNames();
    this.labelIndex = spec.indexOf(spec.label());
    this.positiveText = spec.positive().getBytes(StandardCharsets.UTF_8);
    DType labelType = spec.columns().get(labelIndex).type();
    this.positiveNumber = labelType == DType.STRING ? Double.NaN
        : Double.parseDouble(spec.positive());
  }

  public CensusSpec spec() {
    return spec;
  }

  /**
   * {@code epochs} shuffled passes over {@code file} in batches of {@code batchSize}; every pass
   * draws a new order from {@code seed} through a buffer of {@code shuffleBuffer} lines.
   */
  public DatasetInputFn<Pair<Map<String, Tensor>, Tensor>> train(Path file, long epochs,
      int batchSize, int shuffleBuffer, long seed) {
    Dataset<Pair<String, Long>> lines = cleanLines(file).shuffle(shuffleBuffer, seed);
    return DatasetInputFn.fromFeaturesAndLabels(
        lines.map(l -> example(l, file)).repeat(epochs).batch(batchSize));
  }

  /** One pass over {@code file} in order, in batches of {@code batchSize}. */
  public DatasetInputFn<Pair<Map<String, Tensor>, Tensor>> eval(Path file, int batchSize) {
    return DatasetInputFn.fromFeaturesAndLabels(
        cleanLines(file).map(l -> example(l, file)).batch(batchSize));
  }

  /** Every example of {@code file} decoded (features, label), in order; for small files. */
  public List<Pair<Map<String, Tensor>, Tensor>> examples(Path file) {
    return cleanLines(file).map(l -> example(l, file)).toList();
  }

  /** How many examples {@code file} holds (its lines the cleaning keeps). */
  public static long count(Path file) {
    long n = 0;
    try (DatasetIterator<Pair<String, Long>> it = cleanLines(file).iterator()) {
      for (; it.hasNext(); it.next()) {
        n++;
      }
    }
    return n;
  }

  /** The cleaned lines of {@code file} with their line numbers (from 1). */
  static Dataset<Pair<String, Long>> cleanLines(Path file) {
    return Dataset.zip(Dataset.textLineStrings(List.of(file)), Dataset.range(1, Long.MAX_VALUE))
        .map(p -> new Pair<>(clean(p.first()), p.second()))
        .filter(p -> p.first() != null);
  }

  /** A line as the tutorial's cleaning leaves it, or null when it is dropped. */
  static String clean(String line) {
    String s = line.strip().replace(", ", ",");
    if (s.isEmpty() || s.indexOf(',') < 0) {
      return null;
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** One line decoded: the features by column name (label left out) and the 0/1 label. */
  private Pair<Map<String, Tensor>, Tensor> example(Pair<String, Long> line, Path file) {
    byte[] b = line.first().getBytes(StandardCharsets.UTF_8);
    List<Tensor> row;
    try {
      row = decoder.decode(b, b.length, file.toString(), line.second());
    } catch (CsvFormatException e) {
      throw new DatasetException("census: " + e.getMessage(), e);
    }
    Map<String, Tensor> features = new LinkedHashMap<>();
    for (int i = 0; i < row.size(); i++) {
      if (i != labelIndex) {
        features.put(names.get(i), row.get(i));
      }
    }
    return new Pair<>(Collections.unmodifiableMap(features), Tensor.scalar(
        isPositive(row.get(labelIndex)) ? 1f : 0f));
  }

  private boolean isPositive(Tensor label) {
    if (label.dtype() == DType.STRING) {
      return java.util.Arrays.equals(label.stringData()[0], positiveText);
    }
    return label.getDouble(0) == positiveNumber;
  }
}
