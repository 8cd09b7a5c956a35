package dev.rill.bench.peers;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.models.census.CensusInput;
import dev.rill.models.census.CensusSpec;
import dev.rill.train.Batch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The census tutorial's wide model (a linear classifier over the wide columns) built from
 * TensorFlow's raw ops, as an oracle for {@code rill census --model-type wide}. The columns come
 * from the same {@link CensusSpec}, each one turned into one id per example the way TensorFlow's
 * feature columns do it:
 * <ul>
 *   <li>vocabulary: the index of the value in the list, an out-of-vocabulary value contributing
 *       nothing (no OOV buckets, as the default);
 *   <li>hash bucket: {@code StringToHashBucketFast};
 *   <li>bucketized: {@code Bucketize} of the value as a float;
 *   <li>crossed: the original {@code SparseCross} op with hashed output, hash key
 *       {@code 0xDECAFCAFFE} and the column's bucket count, over the bucket ids of bucketized
 *       keys and the raw strings of the others.
 * </ul>
 * Each column owns a zero-initialised weight table gathered at its ids; the logit is their sum
 * plus a bias, under the mean sigmoid cross-entropy of the batch. The gradient of each table is
 * the batch's {@code (sigmoid(logit) - label) / n} scattered back by {@code UnsortedSegmentSum},
 * and {@code ApplyFtrl} updates the whole table with the canned linear estimator's default:
 * learning rate {@code min(0.2, 1/sqrt(columns))}, power -0.5, accumulators from 0.1, no
 * regularisation (a row the batch does not touch keeps its value under this update).
 *
 * <p>{@code --model-type wide_deep} adds the deep part of {@code rill census --model-type
 * wide_deep}: numeric columns and one-hot indicators in name order, ReLU layers (100, 75, 50, 25
 * by default) and a 1-unit logits layer added to the linear logit, trained by
 * {@code ApplyAdagrad} at 0.001 on {@code tf.gradients}, with the linear part's FTRL rate capped
 * at 0.005. Its initial kernels are the oracle's own draws, so it matches Rill in distribution
 * over seeds, not run for run.
 *
 * <p>The batches are Rill's: the oracle reads them from {@link CensusInput} with the same seed,
 * shuffle buffer and batch size as {@code rill census}, so only the feature transforms, the
 * model and the optimizer are TensorFlow's. Trains the given epochs as one pass (so run
 * {@code rill census} with {@code --epochs-per-eval} equal to {@code --train-epochs}), evaluates
 * accuracy, mean loss and exact AUC on the test file and prints one JSON line.
 *
 * {@snippet lang=sh :
 * java ... CensusOracle --columns builtin:cps1988 --train-data data/cps1988.data \
 *     --test-data data/cps1988.test --train-epochs 40 --batch-size 40
 * }
 */
public final class CensusOracle {
  private static final long HASH_KEY = 0xDECAFCAFFEL;
  private static final double LEARNING_RATE_CAP = 0.2;
  private static final double COMBINED_LEARNING_RATE_CAP = 0.005;
  private static final float DNN_LEARNING_RATE = 0.001f;
  private static final float LEARNING_RATE_POWER = -0.5f;
  private static final float INITIAL_ACCUMULATOR = 0.1f;

  private final CensusSpec spec;
  private final Graph graph = new Graph();
  private final Session session;
  private final Map<String, Placeholder<?>> inputs = new LinkedHashMap<>();
  private final Placeholder<TFloat32> labels;
  private final Operand<TFloat32> logits;
  private final Op train;
  private final int columns;

  /** One wide column as ids (int64, one per example), the mask of valid ones, its table size. */
  private record Ids(Operand<TInt64> ids, Operand<TFloat32> mask, int size) {}

  private CensusOracle(CensusSpec spec, boolean deep, List<Integer> hiddenUnits, long seed,
      int threads) {
    this.spec = spec;
    Ops tf = Ops.create(graph);
    for (CensusSpec.Column c : spec.columns()) {
      if (!c.name().equals(spec.label())) {
        inputs.put(c.name(), c.type() == DType.STRING
            ? tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)))
            : tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1))));
      }
    }
    labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));

    // the wide columns in CensusColumns' order: vocabularies, hashes, bucketized, crosses
    List<Ids> wide = new ArrayList<>();
    Map<String, Ids> bucketIds = new LinkedHashMap<>();
    spec.vocabularies().forEach((name, values) -> wide.add(vocabulary(tf, string(name), values)));
    spec.hashBuckets().forEach((name, buckets) -> wide.add(new Ids(
        tf.strings.toHashBucketFast(string(name), (long) buckets), ones(tf, string(name)),
        buckets)));
    for (CensusSpec.Bucketized b : spec.bucketized()) {
      List<Float> bounds = new ArrayList<>();
      for (float f : b.boundaries()) {
        bounds.add(f);
      }
      Operand<TInt64> ids = tf.dtypes.cast(tf.bucketize(number(b.source()), bounds), TInt64.class);
      Ids c = new Ids(ids, ones(tf, string(null)), bounds.size() + 1);
      bucketIds.put(b.name(), c);
      wide.add(c);
    }
    int crossNo = 0;
    for (CensusSpec.Crossed x : spec.crossed()) {
      wide.add(cross(tf, x, bucketIds, crossNo++));
    }
    columns = wide.size();

    Variable<TFloat32> bias = filled(tf, 0f, 1);
    Operand<TFloat32> sum = tf.math.mul(ones(tf, string(null)), tf.gather(bias,
        tf.constant(0), tf.constant(0)));
    List<Variable<TFloat32>> tables = new ArrayList<>();
    for (Ids c : wide) {
      Variable<TFloat32> w = filled(tf, 0f, c.size());
      tables.add(w);
      sum = tf.math.add(sum, tf.math.mul(tf.gather(w, c.ids(), tf.constant(0)), c.mask()));
    }
    Dnn dnn = deep ? new Dnn(tf, deepInput(tf, spec, bucketIds), hiddenUnits, seed) : null;
    logits = deep ? tf.math.add(sum, dnn.logits()) : sum;

    // d(mean sigmoid cross-entropy)/d(logit), then back through the gathers
    Operand<TFloat32> n = tf.dtypes.cast(tf.shape.size(tf.shape(labels)), TFloat32.class);
    Operand<TFloat32> dLogit = tf.math.div(tf.math.sub(tf.math.sigmoid(logits), labels), n);
    Ftrl ftrl = new Ftrl(tf, (float) Math.min(deep ? COMBINED_LEARNING_RATE_CAP
        : LEARNING_RATE_CAP, 1.0 / Math.sqrt(columns)));
    List<Op> updates = new ArrayList<>();
    if (deep) {
      updates.addAll(dnn.adagrad(tf, dLogit));
    }
    updates.add(ftrl.apply(bias, tf.reshape(tf.reduceSum(dLogit, tf.constant(0)),
        tf.constant(new long[] {1})), 1));
    for (int i = 0; i < wide.size(); i++) {
      Ids c = wide.get(i);
      Operand<TFloat32> grad = tf.math.unsortedSegmentSum(tf.math.mul(dLogit, c.mask()), c.ids(),
          tf.constant((long) c.size()));
      updates.add(ftrl.apply(tables.get(i), grad, c.size()));
    }
    train = tf.withControlDependencies(updates).noOp();

    session = new Session(graph, ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .build());
    session.initialize();
  }

  @SuppressWarnings("unchecked")
  private Operand<TString> string(String name) {
    if (name == null) {
      // any string column serves for the batch's shape
      for (Placeholder<?> p : inputs.values()) {
        if (p.type() == TString.class) {
          return (Operand<TString>) p;
        }
      }
      throw new IllegalStateException("no string column");
    }
    return (Operand<TString>) inputs.get(name);
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> number(String name) {
    return (Operand<TFloat32>) inputs.get(name);
  }

  /** A float 1 per example of the batch. */
  private static Operand<TFloat32> ones(Ops tf, Operand<?> like) {
    return tf.fill(tf.shape(like), tf.constant(1f));
  }

  /** The index of each value in {@code values}; the mask is 0 where it is absent. */
  private static Ids vocabulary(Ops tf, Operand<TString> x, List<String> values) {
    Operand<TBool> eq = tf.math.equal(tf.expandDims(x, tf.constant(-1)),
        tf.constant(StandardCharsets.UTF_8, values.toArray(String[]::new)));
    Operand<TInt64> ids = tf.math.argMax(tf.dtypes.cast(eq, TInt32.class), tf.constant(1));
    Operand<TFloat32> found = tf.dtypes.cast(tf.reduceAny(eq, tf.constant(1)), TFloat32.class);
    return new Ids(ids, found, values.size());
  }

  /**
   * The hashed cross of the keys through the original SparseCross op (TF Java only wraps
   * SparseCrossV2 and SparseCrossHashed, whose hashing differs), each key a dense [n, 1] input.
   */
  private Ids cross(Ops tf, CensusSpec.Crossed x, Map<String, Ids> bucketIds, int no) {
    List<Output<?>> dense = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    for (String k : x.keys()) {
      Ids b = bucketIds.get(k);
      if (b != null) {
        dense.add(tf.expandDims(b.ids(), tf.constant(-1)).asOutput());
        types.add(DataType.DT_INT64);
      } else {
        dense.add(tf.expandDims(string(k), tf.constant(-1)).asOutput());
        types.add(DataType.DT_STRING);
      }
    }
    var op = graph.opBuilder("SparseCross", "census_cross_" + no, tf.scope())
        .addInputList(new Output<?>[0])
        .addInputList(new Output<?>[0])
        .addInputList(new Output<?>[0])
        .addInputList(dense.toArray(Output<?>[]::new))
        .setAttr("hashed_output", true)
        .setAttr("num_buckets", (long) x.hashBuckets())
        .setAttr("hash_key", HASH_KEY)
        .setAttr("sparse_types", new DataType[0])
        .setAttr("dense_types", types.toArray(DataType[]::new))
        .setAttr("out_type", DataType.DT_INT64)
        // as TensorFlow's Python wrapper: int64 inside as soon as one input is an integer
        .setAttr("internal_type",
            types.contains(DataType.DT_INT64) ? DataType.DT_INT64 : DataType.DT_STRING)
        .build();
    // one cross per example, in batch order: the values are the ids
    Output<TInt64> values = op.output(1);
    return new Ids(values, ones(tf, values), x.hashBuckets());
  }

  /**
   * The deep part's input: the numeric columns as floats and the indicator columns one-hot
   * (all zero out of vocabulary), concatenated in the order of their names as TensorFlow's
   * input layer sorts them.
   */
  private Operand<TFloat32> deepInput(Ops tf, CensusSpec spec, Map<String, Ids> bucketIds) {
    java.util.TreeMap<String, Operand<TFloat32>> parts = new java.util.TreeMap<>();
    for (String name : spec.numeric()) {
      parts.put(name, tf.expandDims(number(name), tf.constant(-1)));
    }
    for (String name : spec.indicators()) {
      Operand<TFloat32> oneHot;
      List<String> vocab = spec.vocabularies().get(name);
      if (vocab != null) {
        oneHot = tf.dtypes.cast(tf.math.equal(tf.expandDims(string(name), tf.constant(-1)),
            tf.constant(StandardCharsets.UTF_8, vocab.toArray(String[]::new))), TFloat32.class);
      } else {
        Ids ids = bucketIds.get(name);
        if (ids == null) {
          throw new IllegalArgumentException("CensusOracle: indicator of " + name
              + " is neither a vocabulary nor a bucketized column");
        }
        oneHot = tf.oneHot(ids.ids(), tf.constant(ids.size()), tf.constant(1f), tf.constant(0f));
      }
      parts.put(name + "_indicator", oneHot);
    }
    return tf.concat(new ArrayList<>(parts.values()), tf.constant(1));
  }

  /**
   * ReLU layers and a 1-unit logits layer, Glorot-uniform kernels drawn from the seed (its own
   * stream, so not Rill's draws) and zero biases, trained by Adagrad at the combined estimator's
   * 0.001 with accumulators from 0.1.
   */
  private static final class Dnn {
    private final List<Variable<TFloat32>> params = new ArrayList<>();
    private final Operand<TFloat32> logits;

    Dnn(Ops tf, Operand<TFloat32> input, List<Integer> hiddenUnits, long seed) {
      java.util.SplittableRandom random = new java.util.SplittableRandom(seed).split();
      long width = input.shape().get(1);
      Operand<TFloat32> net = input;
      List<Integer> units = new ArrayList<>(hiddenUnits);
      units.add(1);
      for (int i = 0; i < units.size(); i++) {
        int out = units.get(i);
        double limit = Math.sqrt(6.0 / (width + out));
        float[] k = new float[Math.toIntExact(width * out)];
        for (int j = 0; j < k.length; j++) {
          k[j] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        Variable<TFloat32> kernel = tf.variable(tf.constant(Shape.of(width, out),
            DataBuffers.of(k)));
        Variable<TFloat32> bias = filled(tf, 0f, out);
        params.add(kernel);
        params.add(bias);
        net = tf.nn.biasAdd(tf.linalg.matMul(net, kernel), bias);
        if (i < units.size() - 1) {
          net = tf.nn.relu(net);
        }
        width = out;
      }
      logits = tf.reshape(net, tf.constant(new long[] {-1}));
    }

    Operand<TFloat32> logits() {
      return logits;
    }

    /** Adagrad updates for the batch's logit gradient, back-propagated by tf.gradients. */
    List<Op> adagrad(Ops tf, Operand<TFloat32> dLogit) {
      var grads = tf.gradients(List.of(logits), params,
          org.tensorflow.op.core.Gradients.dx(List.of(dLogit)));
      List<Op> updates = new ArrayList<>();
      Operand<TFloat32> lr = tf.constant(DNN_LEARNING_RATE);
      for (int i = 0; i < params.size(); i++) {
        Variable<TFloat32> v = params.get(i);
        long[] shape = v.shape().asArray();
        float[] init = new float[Math.toIntExact(v.shape().size())];
        Arrays.fill(init, INITIAL_ACCUMULATOR);
        Variable<TFloat32> accum = tf.variable(tf.constant(Shape.of(shape),
            DataBuffers.of(init)));
        updates.add(tf.train.applyAdagrad(v, accum, lr, grads.dy(i)));
      }
      return updates;
    }
  }

  /** FTRL with the canned linear estimator's default settings but the learning rate. */
  private record Ftrl(Ops tf, Operand<TFloat32> lr, Operand<TFloat32> zero,
      Operand<TFloat32> power) {
    Ftrl(Ops tf, float learningRate) {
      this(tf, tf.constant(learningRate), tf.constant(0f), tf.constant(LEARNING_RATE_POWER));
    }

    /** One dense update of {@code var} (ApplyFtrlV2 without shrinkage is ApplyFtrl). */
    Op apply(Variable<TFloat32> var, Operand<TFloat32> grad, long size) {
      return tf.train.applyFtrl(var, filled(tf, INITIAL_ACCUMULATOR, size), filled(tf, 0f, size),
          grad, lr, zero, zero, zero, power);
    }
  }

  private static Variable<TFloat32> filled(Ops tf, float value, long size) {
    float[] init = new float[Math.toIntExact(size)];
    Arrays.fill(init, value);
    return tf.variable(tf.constant(Shape.of(size), DataBuffers.of(init)));
  }

  /** The runner fed with one of Rill's batches. */
  private float[] run(Batch batch, boolean step) {
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      for (var e : inputs.entrySet()) {
        Tensor t = batch.features().get(e.getKey());
        org.tensorflow.Tensor v;
        if (t.dtype() == DType.STRING) {
          byte[][] b = t.stringData();
          String[] s = new String[b.length];
          for (int i = 0; i < b.length; i++) {
            s[i] = new String(b[i], StandardCharsets.UTF_8);
          }
          v = TString.vectorOf(s);
        } else {
          v = TFloat32.vectorOf(t.toFloatArray());
        }
        fed.add(v);
        r.feed(e.getValue(), v);
      }
      TFloat32 y = TFloat32.vectorOf(batch.labels().toFloatArray());
      fed.add(y);
      r.feed(labels, y);
      if (step) {
        r.addTarget(train).run().close();
        return null;
      }
      try (Result out = r.fetch(logits).run()) {
        TFloat32 l = (TFloat32) out.get(0);
        float[] a = new float[Math.toIntExact(l.size())];
        l.copyTo(DataBuffers.of(a, false, false));
        return a;
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  private void close() {
    session.close();
    graph.close();
  }

  public static void main(String[] args) throws IOException {
    String columnsFlag = "builtin:cps1988";
    Path trainData = null;
    Path testData = null;
    int epochs = 40;
    int batchSize = 40;
    int shuffleBuffer = CensusInput.TUTORIAL_SHUFFLE_BUFFER;
    long seed = 42;
    int threads = Runtime.getRuntime().availableProcessors();
    String modelType = "wide";
    List<Integer> hidden = List.of(100, 75, 50, 25);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model-type" -> modelType = args[++i];
        case "--hidden-units" -> hidden = Arrays.stream(args[++i].split(","))
            .map(Integer::valueOf).toList();
        case "--columns" -> columnsFlag = args[++i];
        case "--train-data" -> trainData = Path.of(args[++i]);
        case "--test-data" -> testData = Path.of(args[++i]);
        case "--train-epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
        case "--shuffle-buffer" -> shuffleBuffer = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("CensusOracle: unknown argument " + args[i]
            + "; takes --train-data F --test-data F [--model-type wide|wide_deep] [--columns SPEC] "
            + "[--hidden-units 100,75,50,25] [--train-epochs N] "
            + "[--batch-size N] [--shuffle-buffer N] [--seed S] [--threads N]");
      }
    }
    if (trainData == null || testData == null) {
      throw new IllegalArgumentException("CensusOracle: --train-data and --test-data are required");
    }
    CensusSpec spec = spec(columnsFlag);
    CensusInput input = new CensusInput(spec);
    if (!modelType.equals("wide") && !modelType.equals("wide_deep")) {
      throw new IllegalArgumentException("CensusOracle: --model-type is wide or wide_deep");
    }
    CensusOracle oracle = new CensusOracle(spec, modelType.equals("wide_deep"), hidden, seed,
        threads);
    try {
      long start = System.nanoTime();
      long steps = 0;
      Iterator<Batch> it = input.train(trainData, epochs, batchSize, shuffleBuffer, seed)
          .open(0, 0);
      while (it.hasNext()) {
        oracle.run(it.next(), true);
        steps++;
      }
      if (it instanceof AutoCloseable c) {
        c.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      List<Float> scores = new ArrayList<>();
      List<Float> truth = new ArrayList<>();
      Iterator<Batch> test = input.eval(testData, 1000).open();
      while (test.hasNext()) {
        Batch b = test.next();
        float[] l = oracle.run(b, false);
        float[] y = b.labels().toFloatArray();
        for (int i = 0; i < l.length; i++) {
          scores.add(l[i]);
          truth.add(y[i]);
        }
      }
      double[] m = metrics(scores, truth);
      System.out.println(String.format(Locale.ROOT, "{\"engine\":\"tensorflow\",\"model\":\"%s\","
              + "\"columns\":%d,\"accuracy\":%.6f,\"auc\":%.6f,\"loss\":%.6f,\"global_step\":%d,"
              + "\"train_seconds\":%.1f}", modelType, oracle.columns, m[0], m[1], m[2], steps,
          seconds));
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      oracle.close();
    }
  }

  /** Accuracy (logit > 0), exact AUC (ties counted half) and mean sigmoid cross-entropy. */
  static double[] metrics(List<Float> logits, List<Float> labels) {
    int n = logits.size();
    int correct = 0;
    double loss = 0;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      float x = logits.get(i);
      float y = labels.get(i);
      correct += ((x > 0) == (y > 0.5f)) ? 1 : 0;
      loss += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(logits.get(a), logits.get(b)));
    double rankSum = 0;
    long positives = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && logits.get(order[j]).equals(logits.get(order[i]))) {
        j++;
      }
      double rank = (i + j + 1) / 2.0; // mean 1-based rank of the tie group
      for (int k = i; k < j; k++) {
        if (labels.get(order[k]) > 0.5f) {
          rankSum += rank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = n - positives;
    double auc = (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    return new double[] {(double) correct / n, auc, loss / n};
  }

  private static CensusSpec spec(String columns) throws IOException {
    if (columns.equals("builtin:adult")) {
      return CensusSpec.adult();
    }
    if (columns.startsWith("builtin:")) {
      return CensusSpec.resource(columns.substring("builtin:".length()) + ".columns");
    }
    return CensusSpec.read(Path.of(columns));
  }
}
