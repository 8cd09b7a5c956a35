package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;

/**
 * TensorFlow's own parsers, ops {@code ParseExampleV2} and {@code ParseSequenceExampleV2}, run
 * through TF Java (test scope) with the inputs {@code tf.io.parse_example} and
 * {@code tf.io.parse_sequence_example} would give them: the oracle for Rill's parsers.
 */
final class TfParseOracle {
  private TfParseOracle() {}

  /** {@code tf.io.parse_example} (batch) or {@code parse_single_example} ({@code single}). */
  static ParsedFeatures parseExample(List<byte[]> serialized, Map<String, FeatureSpec> spec,
      boolean single) {
    List<String> sparseKeys = new ArrayList<>();
    List<String> denseKeys = new ArrayList<>();
    spec.forEach((k, s) -> (s instanceof VarLenFeature ? sparseKeys : denseKeys).add(k));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      GraphOperationBuilder b = g.opBuilder("ParseExampleV2", "parse", g.baseScope())
          .addInput(constant(g, "serialized", records(serialized, single)))
          .addInput(constant(g, "names", strings()))
          .addInput(constant(g, "sparse_keys", strings(sparseKeys)))
          .addInput(constant(g, "dense_keys", strings(denseKeys)))
          .addInput(constant(g, "ragged_keys", strings()));
      List<Output<?>> defaults = new ArrayList<>();
      for (String k : denseKeys) {
        defaults.add(constant(g, "default_" + defaults.size(), denseDefault(spec.get(k))));
      }
      b.addInputList(defaults.toArray(Output<?>[]::new))
          .setAttr("Tdense", types(denseKeys, spec))
          .setAttr("num_sparse", sparseKeys.size())
          .setAttr("sparse_types", types(sparseKeys, spec))
          .setAttr("ragged_value_types", new DataType[0])
          .setAttr("ragged_split_types", new DataType[0])
          .setAttr("dense_shapes", denseKeys.stream().map(k -> opShape(spec.get(k)))
              .toArray(org.tensorflow.ndarray.Shape[]::new));
      GraphOperation op = b.build();
      int ns = sparseKeys.size();
      Session.Runner runner = s.runner().addTarget(op); // runs even with nothing to fetch
      for (int i = 0; i < 3 * ns + denseKeys.size(); i++) {
        runner.fetch(op.output(i));
      }
      try (Result r = runner.run()) {
        Map<String, SparseTensor> sparse = new LinkedHashMap<>();
        for (int i = 0; i < ns; i++) {
          sparse.put(sparseKeys.get(i), new SparseTensor(fromTf(r, i), fromTf(r, ns + i),
              fromTf(r, 2 * ns + i)));
        }
        Map<String, Tensor> dense = new LinkedHashMap<>();
        for (int i = 0; i < denseKeys.size(); i++) {
          dense.put(denseKeys.get(i), fromTf(r, 3 * ns + i));
        }
        return new ParsedFeatures(dense, sparse);
      }
    }
  }

  /** {@code tf.io.parse_sequence_example} or {@code parse_single_sequence_example}. */
  static ParsedSequenceExamples parseSequenceExample(List<byte[]> serialized,
      Map<String, FeatureSpec> context, Map<String, FeatureSpec> lists, boolean single) {
    List<String> cSparse = new ArrayList<>();
    List<String> cDense = new ArrayList<>();
    context.forEach((k, s) -> (s instanceof VarLenFeature ? cSparse : cDense).add(k));
    List<String> lSparse = new ArrayList<>();
    List<String> lDense = new ArrayList<>();
    lists.forEach((k, s) -> (s instanceof VarLenFeature ? lSparse : lDense).add(k));
    boolean[] missingOk = new boolean[lDense.size()];
    for (int i = 0; i < missingOk.length; i++) {
      missingOk[i] = ((FixedLenSequenceFeature) lists.get(lDense.get(i))).allowMissing();
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      GraphOperationBuilder b = g.opBuilder("ParseSequenceExampleV2", "parse", g.baseScope())
          .addInput(constant(g, "serialized", records(serialized, single)))
          .addInput(constant(g, "debug_name", strings()))
          .addInput(constant(g, "context_sparse_keys", strings(cSparse)))
          .addInput(constant(g, "context_dense_keys", strings(cDense)))
          .addInput(constant(g, "context_ragged_keys", strings()))
          .addInput(constant(g, "feature_list_sparse_keys", strings(lSparse)))
          .addInput(constant(g, "feature_list_dense_keys", strings(lDense)))
          .addInput(constant(g, "feature_list_ragged_keys", strings()))
          .addInput(constant(g, "missing_assumed_empty",
              Tensor.of(Shape.of(missingOk.length), missingOk)));
      List<Output<?>> defaults = new ArrayList<>();
      for (String k : cDense) {
        defaults.add(constant(g, "default_" + defaults.size(), denseDefault(context.get(k))));
      }
      b.addInputList(defaults.toArray(Output<?>[]::new))
          .setAttr("Ncontext_sparse", cSparse.size())
          .setAttr("Tcontext_dense", types(cDense, context))
          .setAttr("context_sparse_types", types(cSparse, context))
          .setAttr("context_ragged_value_types", new DataType[0])
          .setAttr("context_ragged_split_types", new DataType[0])
          .setAttr("context_dense_shapes", cDense.stream().map(k -> opShape(context.get(k)))
              .toArray(org.tensorflow.ndarray.Shape[]::new))
          .setAttr("Nfeature_list_sparse", lSparse.size())
          .setAttr("Nfeature_list_dense", lDense.size())
          .setAttr("feature_list_dense_types", types(lDense, lists))
          .setAttr("feature_list_sparse_types", types(lSparse, lists))
          .setAttr("feature_list_ragged_value_types", new DataType[0])
          .setAttr("feature_list_ragged_split_types", new DataType[0])
          .setAttr("feature_list_dense_shapes", lDense.stream()
              .map(k -> tfShape(((FixedLenSequenceFeature) lists.get(k)).shape()))
              .toArray(org.tensorflow.ndarray.Shape[]::new));
      GraphOperation op = b.build();
      int cs = cSparse.size();
      int cd = cDense.size();
      int ls = lSparse.size();
      int ld = lDense.size();
      // Outputs: context sparse (indices, values, shapes), context dense, (no ragged), then
      // feature-list sparse (indices, values, shapes), feature-list dense, their lengths.
      int listBase = 3 * cs + cd;
      Session.Runner runner = s.runner().addTarget(op); // runs even with nothing to fetch
      for (int i = 0; i < listBase + 3 * ls + 2 * ld; i++) {
        runner.fetch(op.output(i));
      }
      try (Result r = runner.run()) {
        Map<String, SparseTensor> cSp = new LinkedHashMap<>();
        for (int i = 0; i < cs; i++) {
          cSp.put(cSparse.get(i), new SparseTensor(fromTf(r, i), fromTf(r, cs + i),
              fromTf(r, 2 * cs + i)));
        }
        Map<String, Tensor> cDn = new LinkedHashMap<>();
        for (int i = 0; i < cd; i++) {
          cDn.put(cDense.get(i), fromTf(r, 3 * cs + i));
        }
        Map<String, SparseTensor> lSp = new LinkedHashMap<>();
        for (int i = 0; i < ls; i++) {
          lSp.put(lSparse.get(i), new SparseTensor(fromTf(r, listBase + i),
              fromTf(r, listBase + ls + i), fromTf(r, listBase + 2 * ls + i)));
        }
        Map<String, Tensor> lDn = new LinkedHashMap<>();
        Map<String, Tensor> lengths = new LinkedHashMap<>();
        for (int i = 0; i < ld; i++) {
          lDn.put(lDense.get(i), fromTf(r, listBase + 3 * ls + i));
          lengths.put(lDense.get(i), fromTf(r, listBase + 3 * ls + ld + i));
        }
        return new ParsedSequenceExamples(new ParsedFeatures(cDn, cSp),
            new ParsedFeatures(lDn, lSp), lengths);
      }
    }
  }

  private static Tensor records(List<byte[]> serialized, boolean single) {
    byte[][] data = serialized.toArray(byte[][]::new);
    return Tensor.wrap(DType.STRING, single ? Shape.scalar() : Shape.of(data.length), data);
  }

  private static Tensor strings(List<String> s) {
    return Tensor.ofStrings(Shape.of(s.size()), s.toArray(String[]::new));
  }

  private static Tensor strings() {
    return strings(List.of());
  }

  /** What tf.io passes as dense_defaults: the default, a scalar pad, or an empty "required". */
  private static Tensor denseDefault(FeatureSpec spec) {
    return switch (spec) {
      case FixedLenFeature f -> f.hasDefault() ? f.defaultValue()
          : Tensor.wrap(f.dtype(), Shape.of(0), Tensor.allocate(f.dtype(), 0));
      case FixedLenSequenceFeature f -> f.defaultValue() != null ? f.defaultValue()
          : Tensor.wrap(f.dtype(), Shape.scalar(), Tensor.allocate(f.dtype(), 1));
      case VarLenFeature v -> throw new IllegalArgumentException("sparse");
    };
  }

  /** The op's dense shape: the feature shape, with an unknown leading axis for row sequences. */
  private static org.tensorflow.ndarray.Shape opShape(FeatureSpec spec) {
    return switch (spec) {
      case FixedLenFeature f -> tfShape(f.shape());
      case FixedLenSequenceFeature f -> tfShape(Shape.of(-1).append(f.shape().dims()));
      case VarLenFeature v -> throw new IllegalArgumentException("sparse");
    };
  }

  private static org.tensorflow.ndarray.Shape tfShape(Shape s) {
    return org.tensorflow.ndarray.Shape.of(java.util.Arrays.stream(s.dims()).asLongStream()
        .toArray());
  }

  private static DataType[] types(List<String> keys, Map<String, FeatureSpec> spec) {
    return keys.stream().map(k -> DataType.forNumber(spec.get(k).dtype().tfEnum()))
        .toArray(DataType[]::new);
  }

  private static Output<?> constant(Graph g, String name, Tensor t) {
    return TfOracle.constant(g, name, t);
  }

  private static Tensor fromTf(Result r, int i) {
    return TfOracle.fromTf(r.get(i));
  }
}
