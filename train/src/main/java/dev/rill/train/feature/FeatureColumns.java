package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.data.lookup.VocabularyTable;
import dev.rill.io.example.FeatureSpec;
import dev.rill.io.example.FixedLenFeature;
import dev.rill.io.example.VarLenFeature;
import dev.rill.nn.Scope;
import dev.rill.nn.init.Initializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The feature-column API, as {@code tf.feature_column}: factories for the columns, and the two
 * consumers, {@link #inputLayer} (a dense tensor for a DNN) and {@link #linearModel} (logits of a
 * linear model).
 *
 * {@snippet :
 * NumericColumn age = FeatureColumns.numeric("age");
 * CategoricalColumn education = FeatureColumns.categoricalWithVocabularyList("education",
 *     List.of("Bachelors", "HS-grad", "Masters"));
 * CategoricalColumn occupation = FeatureColumns.categoricalWithHashBucket("occupation", 1000);
 * BucketizedColumn ageBuckets = FeatureColumns.bucketized(age, 18, 25, 30, 35, 40, 45, 50, 55,
 *     60, 65);
 * CrossedColumn cross = FeatureColumns.crossed(List.of("education", "occupation"), 1000);
 *
 * Tensor logits = FeatureColumns.linearModel(features,
 *     List.of(age, ageBuckets, education, occupation, cross), 1);
 * Tensor dnnInput = FeatureColumns.inputLayer(features, List.of(age,
 *     FeatureColumns.indicator(education), FeatureColumns.embedding(occupation, 8)));
 * }
 *
 * <p>Both consumers apply their columns in order of name and create variables in the current
 * {@link Scope}'s store with TensorFlow's names; train the result with {@link SparseGradients}.
 */
public final class FeatureColumns {
  /** The variable prefix of {@link #inputLayer(Features, List)}. */
  public static final String INPUT_LAYER = "input_layer";
  /** The variable prefix of {@link #linearModel(Features, List, int)} (a canned linear model's). */
  public static final String LINEAR_MODEL = "linear/linear_model";

  private FeatureColumns() {}

  // ---- dense ----

  /** A scalar float feature. */
  public static NumericColumn numeric(String key) {
    return new NumericColumn(key, new int[] {1}, null, null);
  }

  /** A float feature of the given per-example shape. */
  public static NumericColumn numeric(String key, int... shape) {
    return new NumericColumn(key, shape, null, null);
  }

  /**
   * A float feature with a parse default (may be null) and a normalizer applied before the cast
   * to float32 (may be null).
   */
  public static NumericColumn numeric(String key, int[] shape, float[] defaultValue,
      UnaryOperator<Tensor> normalizer) {
    return new NumericColumn(key, shape, defaultValue, normalizer);
  }

  /** {@code source} cut at {@code boundaries} (strictly increasing). */
  public static BucketizedColumn bucketized(NumericColumn source, float... boundaries) {
    return new BucketizedColumn(source, boundaries);
  }

  /** Multi-hot counts (or summed weights) of a categorical column. */
  public static IndicatorColumn indicator(CategoricalColumn categorical) {
    return new IndicatorColumn(categorical);
  }

  /** A learned {@code dimension}-wide vector per id, mean-combined. */
  public static EmbeddingColumn embedding(CategoricalColumn categorical, int dimension) {
    return new EmbeddingColumn(categorical, dimension, Combiner.MEAN, null);
  }

  /** An embedding with a chosen combiner and table initializer (null for the default). */
  public static EmbeddingColumn embedding(CategoricalColumn categorical, int dimension,
      Combiner combiner, Initializer initializer) {
    return new EmbeddingColumn(categorical, dimension, combiner, initializer);
  }

  // ---- categorical ----

  /** Strings to their vocabulary position, others to -1 (no id). */
  public static VocabularyColumn categoricalWithVocabularyList(String key,
      List<String> vocabulary) {
    return new VocabularyColumn(key, vocabulary, 0, -1);
  }

  /** Strings to their vocabulary position, others to {@code numOovBuckets} hash buckets. */
  public static VocabularyColumn categoricalWithVocabularyList(String key,
      List<String> vocabulary, int numOovBuckets) {
    return new VocabularyColumn(key, vocabulary, numOovBuckets, -1);
  }

  /**
   * Strings to their vocabulary position, others to a hash bucket or, without buckets, to
   * {@code defaultValue} (TensorFlow refuses both at once).
   */
  public static VocabularyColumn categoricalWithVocabularyList(String key,
      List<String> vocabulary, int numOovBuckets, long defaultValue) {
    return new VocabularyColumn(key, vocabulary, numOovBuckets, defaultValue);
  }

  /** Integers to their vocabulary position, others to a hash bucket or {@code defaultValue}. */
  public static VocabularyColumn categoricalWithVocabularyList(String key, long[] vocabulary,
      int numOovBuckets, long defaultValue) {
    return new VocabularyColumn(key, vocabulary, numOovBuckets, defaultValue);
  }

  /**
   * A vocabulary read from a file, one entry per line (as {@link VocabularyTable} reads it);
   * {@code vocabularySize} takes the first lines only (-1 for all; more than the file has is an
   * error).
   */
  public static VocabularyColumn categoricalWithVocabularyFile(String key, Path file,
      int vocabularySize, int numOovBuckets, long defaultValue) {
    VocabularyTable table;
    try {
      table = VocabularyTable.fromFileWithDefault(file, -1);
    } catch (IOException e) {
      throw new UncheckedIOException("vocabulary file " + file + " of column '" + key + "'", e);
    }
    int n = table.vocabularySize();
    if (vocabularySize > n) {
      throw new InvalidArgumentException("vocabulary column '" + key + "': vocabulary_size "
          + vocabularySize + " but " + file + " has only " + n + " entries");
    }
    int take = vocabularySize < 0 ? n : vocabularySize;
    List<String> tokens = new ArrayList<>(take);
    for (int i = 0; i < take; i++) {
      tokens.add(table.token(i));
    }
    return new VocabularyColumn(key, tokens, numOovBuckets, defaultValue);
  }

  /** Integer ids in {@code [0, numBuckets)}; others are an error. */
  public static IdentityColumn categoricalWithIdentity(String key, int numBuckets) {
    return new IdentityColumn(key, numBuckets, null);
  }

  /** Integer ids in {@code [0, numBuckets)}; others become {@code defaultValue}. */
  public static IdentityColumn categoricalWithIdentity(String key, int numBuckets,
      long defaultValue) {
    return new IdentityColumn(key, numBuckets, defaultValue);
  }

  /** Strings hashed into {@code hashBucketSize} buckets. */
  public static HashBucketColumn categoricalWithHashBucket(String key, int hashBucketSize) {
    return new HashBucketColumn(key, hashBucketSize, DType.STRING);
  }

  /** Strings, or integers (dtype INT64) as decimal strings, hashed into buckets. */
  public static HashBucketColumn categoricalWithHashBucket(String key, int hashBucketSize,
      DType dtype) {
    return new HashBucketColumn(key, hashBucketSize, dtype);
  }

  /** The hashed cross of feature names and categorical columns, TensorFlow's hash key. */
  public static CrossedColumn crossed(List<?> keys, int hashBucketSize) {
    return new CrossedColumn(List.copyOf(keys), hashBucketSize, FeatureOps.DEFAULT_HASH_KEY);
  }

  /** The hashed cross with another initial hash value. */
  public static CrossedColumn crossed(List<?> keys, int hashBucketSize, long hashKey) {
    return new CrossedColumn(List.copyOf(keys), hashBucketSize, hashKey);
  }

  /** {@code categorical}'s ids weighted by the float feature {@code weightKey}. */
  public static WeightedCategoricalColumn weightedCategorical(CategoricalColumn categorical,
      String weightKey) {
    return new WeightedCategoricalColumn(categorical, weightKey);
  }

  // ---- consumers ----

  /**
   * The dense input of a DNN, {@code tf.feature_column.input_layer}: each column's
   * {@code [batch, dimension]} tensor, concatenated in order of column name into
   * {@code [batch, total]} float32. Embedding tables are
   * {@code input_layer/<column>/embedding_weights}.
   */
  public static Tensor inputLayer(Features features, List<? extends FeatureColumn> columns) {
    return inputLayer(features, columns, INPUT_LAYER);
  }

  /** {@link #inputLayer(Features, List)} with variables under {@code prefix}. */
  public static Tensor inputLayer(Features features, List<? extends FeatureColumn> columns,
      String prefix) {
    TransformCache cache = new TransformCache(features, prefix);
    List<Tensor> parts = new ArrayList<>();
    for (FeatureColumn c : sorted(columns)) {
      if (!(c instanceof DenseColumn d)) {
        throw new InvalidArgumentException("input_layer: column '" + c.name()
            + "' is not a dense column; wrap a categorical column in an embedding or "
            + "indicator column");
      }
      Tensor t = d.denseTensor(cache);
      if (t.rank() != 2 || t.shape().dim(1) != d.dimension()) {
        throw new InvalidArgumentException("input_layer: column '" + c.name() + "' gave "
            + t.shape() + ", expected [batch, " + d.dimension() + "]");
      }
      parts.add(t);
    }
    int batch = parts.get(0).shape().dim(0);
    for (int i = 1; i < parts.size(); i++) {
      if (parts.get(i).shape().dim(0) != batch) {
        throw new InvalidArgumentException("input_layer: columns disagree on the batch size ("
            + batch + " and " + parts.get(i).shape().dim(0) + ")");
      }
    }
    return parts.size() == 1 ? parts.get(0) : ArrayOps.concat(parts, 1);
  }

  /**
   * The logits {@code [batch, units]} of a linear model, {@code tf.feature_column.linear_model}:
   * the sum over columns (in order of name) plus {@code linear/linear_model/bias_weights}. A
   * categorical column (bucketized included) adds the rows of its weights
   * {@code linear/linear_model/<column>/weights} {@code [numBuckets, units]} for each example's
   * ids, summed (weighted ids scale their row); only those rows are read, and
   * {@link SparseGradients} gives them row gradients. A dense column adds
   * {@code tensor x weights [dimension, units]}. All weights start at zero.
   */
  public static Tensor linearModel(Features features, List<? extends FeatureColumn> columns,
      int units) {
    return linearModel(features, columns, units, LINEAR_MODEL, Combiner.SUM);
  }

  /** {@link #linearModel(Features, List, int)} with a variable prefix and sparse combiner. */
  public static Tensor linearModel(Features features, List<? extends FeatureColumn> columns,
      int units, String prefix, Combiner sparseCombiner) {
    if (units < 1) {
      throw new InvalidArgumentException("linear_model: units must be >= 1, got " + units);
    }
    TransformCache cache = new TransformCache(features, prefix);
    Tensor sum = null;
    for (FeatureColumn c : sorted(columns)) {
      Tensor part;
      if (c instanceof CategoricalColumn cat) {
        Variable w = weights(prefix + "/" + c.name() + "/weights", cat.numBuckets(), units);
        part = SparseLookup.combine(w, cat.idWeightPair(cache), sparseCombiner, c.name());
      } else if (c instanceof DenseColumn d) {
        Variable w = weights(prefix + "/" + c.name() + "/weights", d.dimension(), units);
        part = d.denseTensor(cache).matmul(w.value());
      } else {
        throw new InvalidArgumentException("linear_model: column '" + c.name()
            + "' is neither dense nor categorical");
      }
      if (sum != null && sum.shape().dim(0) != part.shape().dim(0)) {
        throw new InvalidArgumentException("linear_model: columns disagree on the batch size ("
            + sum.shape().dim(0) + " and " + part.shape().dim(0) + ")");
      }
      sum = sum == null ? part : sum.add(part);
    }
    Variable bias = Scope.current().store().getOrCreate(prefix + "/bias_weights",
        Shape.of(units), DType.FLOAT32, () -> Tensor.wrap(DType.FLOAT32, Shape.of(units),
            new float[units]), true);
    return sum.add(bias.value());
  }

  /**
   * What to parse from {@code tf.Example}s for these columns, as
   * {@code tf.feature_column.make_parse_example_spec}: numeric features as fixed-length float32
   * (with their defaults), vocabulary and identity ids, hashed and crossed raw features as
   * variable-length lists, weights as variable-length float32. A key asked for twice in
   * different ways is an error.
   */
  public static Map<String, FeatureSpec> parseSpec(List<? extends FeatureColumn> columns) {
    Map<String, FeatureSpec> out = new TreeMap<>();
    for (FeatureColumn c : columns) {
      addSpec(c, out);
    }
    return out;
  }

  private static void addSpec(Object c, Map<String, FeatureSpec> out) {
    switch (c) {
      case String key -> put(out, key, VarLenFeature.of(DType.STRING));
      case NumericColumn n -> put(out, n.key(), new FixedLenFeature(Shape.of(n.shape()),
          DType.FLOAT32, n.defaultValue() == null ? null
              : Tensor.of(Shape.of(n.shape()), n.defaultValue())));
      case BucketizedColumn b -> addSpec(b.source(), out);
      case VocabularyColumn v -> put(out, v.key(), VarLenFeature.of(v.isIntegerVocabulary()
          ? DType.INT64 : DType.STRING));
      case IdentityColumn i -> put(out, i.key(), VarLenFeature.of(DType.INT64));
      case HashBucketColumn h -> put(out, h.key(), VarLenFeature.of(h.dtype()));
      case CrossedColumn x -> x.leafKeys().forEach(k -> addSpec(k, out));
      case WeightedCategoricalColumn w -> {
        addSpec(w.categorical(), out);
        put(out, w.weightKey(), VarLenFeature.of(DType.FLOAT32));
      }
      case IndicatorColumn i -> addSpec(i.categorical(), out);
      case EmbeddingColumn e -> addSpec(e.categorical(), out);
      default -> throw new InvalidArgumentException("parse spec: unknown column " + c);
    }
  }

  private static void put(Map<String, FeatureSpec> out, String key, FeatureSpec spec) {
    FeatureSpec before = out.putIfAbsent(key, spec);
    if (before != null && !same(before, spec)) {
      throw new InvalidArgumentException("parse spec: feature '" + key + "' is asked for as "
          + before + " and as " + spec);
    }
  }

  private static boolean same(FeatureSpec a, FeatureSpec b) {
    if (a instanceof FixedLenFeature x && b instanceof FixedLenFeature y) {
      return x.shape().equals(y.shape()) && x.dtype() == y.dtype()
          && (x.defaultValue() == null ? y.defaultValue() == null
              : y.defaultValue() != null && x.defaultValue().contentEquals(y.defaultValue()));
    }
    return a.equals(b);
  }

  private static Variable weights(String name, int rows, int units) {
    Shape shape = Shape.of(rows, units);
    return Scope.current().store().getOrCreate(name, shape, DType.FLOAT32,
        () -> Tensor.wrap(DType.FLOAT32, shape, new float[rows * units]), true);
  }

  /** The columns by name, as TensorFlow orders them; none or a repeated name is an error. */
  static List<FeatureColumn> sorted(List<? extends FeatureColumn> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new InvalidArgumentException("feature_columns must not be empty");
    }
    Set<String> names = new HashSet<>();
    for (FeatureColumn c : columns) {
      if (!names.add(c.name())) {
        throw new InvalidArgumentException("duplicate feature column name found: " + c.name());
      }
    }
    List<FeatureColumn> out = new ArrayList<>(columns);
    out.sort(Comparator.comparing(FeatureColumn::name));
    return out;
  }
}
