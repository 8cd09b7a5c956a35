package dev.rill.io.example;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.ExampleParseException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses serialized {@code tf.train.SequenceExample}s by a context spec and a feature-list spec,
 * with the semantics and outputs of TensorFlow's {@code tf.io.parse_sequence_example} and
 * {@code tf.io.parse_single_sequence_example} (op {@code ParseSequenceExampleV2}).
 *
 * {@snippet :
 * SequenceExampleParser parser = SequenceExampleParser.of(
 *     Map.of("label", FixedLenFeature.of(DType.INT64)),
 *     Map.of("tokens", FixedLenSequenceFeature.of(DType.INT64).allowingMissing(),
 *            "tags", VarLenFeature.of(DType.STRING)));
 * ParsedSequenceExamples p = parser.parse(payloads);
 * Tensor tokens = p.featureLists().dense("tokens");   // int64 [B, longest], padded with 0
 * Tensor steps = p.length("tokens");                   // int64 [B]
 * }
 *
 * <p>Context features follow {@link ExampleParser}'s rules, except that, as in TensorFlow, a
 * context Feature that is present with no list set counts as present with no values (so it fails a
 * FixedLenFeature of non-zero size instead of taking its default). Feature lists:
 *
 * <ul>
 *   <li>{@link FixedLenSequenceFeature}: one row per step, each with exactly {@code shape.size()}
 *       values of the spec's kind (a step with no list set has no values). A record without the
 *       list has no steps if the spec allows missing, else it is a {@link Kind#MISSING} error.
 *       Output {@code [batch, maxSteps] + shape} padded with 0 or "", plus each record's step count
 *       in {@link ParsedSequenceExamples#lengths()}.
 *   <li>{@link VarLenFeature}: any number of values per step. Output a {@link SparseTensor} with
 *       indices {@code (record, step, position)} and dense shape
 *       {@code [batch, most steps, longest step]}.
 * </ul>
 *
 * <p>Keys repeated on the wire resolve as in protobuf and TensorFlow: the last one wins. Two
 * differences from TensorFlow, on inputs it rejects: an empty batch parses to empty outputs even
 * when a context FixedLenFeature is required (TensorFlow reports "inconsistent max number of
 * elements"), and bytes no protobuf serializer writes are judged by protobuf's rules (see
 * {@link ExampleParser}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SequenceExampleParser {
  private final Map<String, FeatureSpec> context;
  private final Map<String, FeatureSpec> lists;

  private SequenceExampleParser(Map<String, FeatureSpec> context,
      Map<String, FeatureSpec> lists) {
    this.context = context;
    this.lists = lists;
  }

  /**
   * A parser for the given context spec (FixedLenFeature or VarLenFeature) and feature-list spec
   * (FixedLenSequenceFeature without a default, or VarLenFeature).
   *
   * @throws IllegalArgumentException for a spec kind TensorFlow does not allow in that place
   */
  public static SequenceExampleParser of(Map<String, ? extends FeatureSpec> contextSpec,
      Map<String, ? extends FeatureSpec> featureListSpec) {
    Map<String, FeatureSpec> c = new LinkedHashMap<>();
    contextSpec.forEach((name, s) -> {
      Objects.requireNonNull(name, "feature name");
      if (!(s instanceof FixedLenFeature) && !(s instanceof VarLenFeature)) {
        throw new IllegalArgumentException("context feature '" + name
            + "' must be a FixedLenFeature or VarLenFeature, got " + s);
      }
      c.put(name, s);
    });
    Map<String, FeatureSpec> l = new LinkedHashMap<>();
    featureListSpec.forEach((name, s) -> {
      Objects.requireNonNull(name, "feature name");
      if (s instanceof FixedLenSequenceFeature f) {
        if (f.defaultValue() != null) {
          throw new IllegalArgumentException("feature list '" + name + "': TensorFlow pads "
              + "feature lists with 0 or \"\" and takes no default");
        }
      } else if (!(s instanceof VarLenFeature)) {
        throw new IllegalArgumentException("feature list '" + name
            + "' must be a FixedLenSequenceFeature or VarLenFeature, got " + s);
      }
      l.put(name, s);
    });
    return new SequenceExampleParser(c, l);
  }

  /** {@code tf.io.parse_sequence_example(serialized, context_features, sequence_features)}. */
  public static ParsedSequenceExamples parseSequenceExample(List<byte[]> serialized,
      Map<String, ? extends FeatureSpec> contextSpec,
      Map<String, ? extends FeatureSpec> featureListSpec) {
    return of(contextSpec, featureListSpec).parse(serialized);
  }

  /** {@code tf.io.parse_single_sequence_example}: outputs without the batch axis. */
  public static ParsedSequenceExamples parseSingleSequenceExample(byte[] serialized,
      Map<String, ? extends FeatureSpec> contextSpec,
      Map<String, ? extends FeatureSpec> featureListSpec) {
    return of(contextSpec, featureListSpec).parseSingle(serialized);
  }

  /** Parses a batch of serialized SequenceExamples. */
  public ParsedSequenceExamples parse(List<byte[]> serialized) {
    return parse(serialized, null);
  }

  /** Parses a batch; {@code names} (one per record, or null) appear in error messages. */
  public ParsedSequenceExamples parse(List<byte[]> serialized, List<String> names) {
    if (names != null && names.size() != serialized.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + serialized.size()
          + " records");
    }
    List<Record> records = new ArrayList<>(serialized.size());
    for (int b = 0; b < serialized.size(); b++) {
      records.add(decode(serialized.get(b), b, names == null ? null : names.get(b)));
    }
    return parseRecords(records, names, false);
  }

  /** Parses one serialized SequenceExample, without the batch axis. */
  public ParsedSequenceExamples parseSingle(byte[] serialized) {
    return parseRecords(List.of(decode(serialized, -1, null)), null, true);
  }

  /** Parses a batch of decoded SequenceExamples. */
  public ParsedSequenceExamples parseExamples(List<SequenceExample> examples) {
    List<Record> records = new ArrayList<>();
    for (SequenceExample s : examples) {
      records.add(new Record(s.context(), s.featureLists()));
    }
    return parseRecords(records, null, false);
  }

  /** Parses one decoded SequenceExample, without the batch axis. */
  public ParsedSequenceExamples parseSingle(SequenceExample example) {
    return parseRecords(List.of(new Record(example.context(), example.featureLists())), null,
        true);
  }

  /** The parts of one record the specs ask for. */
  private record Record(Map<String, Feature> context, Map<String, List<Feature>> lists) {}

  private Record decode(byte[] serialized, long record, String name) {
    dev.rill.io.proto.SequenceExample proto;
    try {
      proto = dev.rill.io.proto.SequenceExample.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw Protos.malformed("tf.train.SequenceExample", record, name, e);
    }
    Map<String, dev.rill.io.proto.Feature> allContext = proto.getContext().getFeatureMap();
    Map<String, Feature> c = new HashMap<>();
    for (String key : context.keySet()) {
      dev.rill.io.proto.Feature f = allContext.get(key);
      if (f != null) {
        c.put(key, Protos.fromProto(f));
      }
    }
    Map<String, dev.rill.io.proto.FeatureList> allLists =
        proto.getFeatureLists().getFeatureListMap();
    Map<String, List<Feature>> l = new HashMap<>();
    for (String key : lists.keySet()) {
      dev.rill.io.proto.FeatureList f = allLists.get(key);
      if (f != null) {
        l.put(key, Protos.fromProto(f));
      }
    }
    return new Record(c, l);
  }

  private ParsedSequenceExamples parseRecords(List<Record> records, List<String> names,
      boolean single) {
    int batch = records.size();
    // Context: Example rules, except that a present Feature without a list counts as present.
    List<Map<String, Feature>> contexts = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      Map<String, Feature> ctx = records.get(b).context();
      Map<String, Feature> adjusted = new HashMap<>(ctx);
      for (var e : context.entrySet()) {
        Feature f = ctx.get(e.getKey());
        if (f != null && !ExampleParser.hasList(f) && e.getValue() instanceof FixedLenFeature fx
            && fx.shape().size() != 0) {
          throw new ExampleParseException(Kind.WRONG_LENGTH, e.getKey(), single ? -1 : b,
              names == null ? null : names.get(b), "expected " + fx.shape().size()
              + " values for shape " + fx.shape() + ", found a Feature with no list", null);
        }
        if (f != null && !ExampleParser.hasList(f) && e.getValue() instanceof FixedLenFeature fx) {
          adjusted.put(e.getKey(), emptyList(fx));
        }
      }
      contexts.add(adjusted);
    }
    ParsedFeatures ctx = ExampleParser.of(context).parseMaps(contexts, names, single);

    Map<String, Tensor> dense = new LinkedHashMap<>();
    Map<String, SparseTensor> sparse = new LinkedHashMap<>();
    Map<String, Tensor> lengths = new LinkedHashMap<>();
    for (var e : lists.entrySet()) {
      String key = e.getKey();
      if (e.getValue() instanceof FixedLenSequenceFeature rows) {
        denseList(key, rows, records, names, single, dense, lengths);
      } else {
        sparse.put(key, sparseList(key, (VarLenFeature) e.getValue(), records, names, single));
      }
    }
    return new ParsedSequenceExamples(ctx, new ParsedFeatures(dense, sparse), lengths);
  }

  /** A zero-length list of the spec's kind, standing for a present Feature with no list. */
  private static Feature emptyList(FixedLenFeature fx) {
    return switch (fx.dtype()) {
      case INT64 -> new Feature.Int64List(new long[0]);
      case FLOAT32 -> new Feature.FloatList(new float[0]);
      default -> new Feature.BytesList(new byte[0][]);
    };
  }

  private static void denseList(String key, FixedLenSequenceFeature spec, List<Record> records,
      List<String> names, boolean single, Map<String, Tensor> dense,
      Map<String, Tensor> lengths) {
    int batch = records.size();
    int stride = spec.shape().size();
    long[] steps = new long[batch];
    for (int b = 0; b < batch; b++) {
      long record = single ? -1 : b;
      String name = names == null ? null : names.get(b);
      List<Feature> list = records.get(b).lists().get(key);
      if (list == null) {
        if (!spec.allowMissing()) {
          throw new ExampleParseException(Kind.MISSING, key, record, name, "required feature "
              + "list is absent (allow missing to give such records no steps)", null);
        }
        continue;
      }
      for (int t = 0; t < list.size(); t++) {
        Feature f = list.get(t);
        if (ExampleParser.hasList(f) && f.dtype() != spec.dtype()) {
          throw ExampleParser.wrongType(key, record, name, "step " + t + ": ", spec.dtype(), f);
        }
        if (f.size() != stride) {
          throw new ExampleParseException(Kind.WRONG_LENGTH, key, record, name, "step " + t
              + ": expected " + stride + " values for a step of shape " + spec.shape()
              + ", found " + f.size(), null);
        }
      }
      steps[b] = list.size();
    }
    int maxSteps = 0;
    for (long s : steps) {
      maxSteps = (int) Math.max(maxSteps, s);
    }
    ValueBuffer values = new ValueBuffer(spec.dtype(), batch * maxSteps * stride);
    for (int b = 0; b < batch; b++) {
      List<Feature> list = records.get(b).lists().get(key);
      if (list != null) {
        for (Feature f : list) {
          values.append(f);
        }
      }
      values.pad((int) (maxSteps - steps[b]) * stride, null);
    }
    Shape perRecord = Shape.of(maxSteps).append(spec.shape().dims());
    dense.put(key, values.toTensor(single ? perRecord
        : Shape.of(batch).append(perRecord.dims())));
    lengths.put(key, single ? Tensor.scalar(steps[0]) : Tensor.of(steps));
  }

  private static SparseTensor sparseList(String key, VarLenFeature spec, List<Record> records,
      List<String> names, boolean single) {
    int batch = records.size();
    int rank = single ? 2 : 3;
    ValueBuffer values = new ValueBuffer(spec.dtype(), 16);
    ValueBuffer indices = new ValueBuffer(dev.rill.core.DType.INT64, 16);
    int maxSteps = 0;
    int longest = 0;
    for (int b = 0; b < batch; b++) {
      List<Feature> list = records.get(b).lists().get(key);
      if (list == null) {
        continue;
      }
      for (int t = 0; t < list.size(); t++) {
        Feature f = list.get(t);
        if (ExampleParser.hasList(f) && f.dtype() != spec.dtype()) {
          throw ExampleParser.wrongType(key, single ? -1 : b,
              names == null ? null : names.get(b), "step " + t + ": ", spec.dtype(), f);
        }
        for (int i = 0; i < f.size(); i++) {
          if (!single) {
            indices.add(b);
          }
          indices.add(t);
          indices.add(i);
        }
        values.append(f);
        longest = Math.max(longest, f.size());
      }
      maxSteps = Math.max(maxSteps, list.size());
    }
    int n = values.size();
    Tensor shape = single ? Tensor.of((long) maxSteps, longest)
        : Tensor.of((long) batch, maxSteps, longest);
    return new SparseTensor(indices.toTensor(Shape.of(n, rank)), values.toTensor(Shape.of(n)),
        shape);
  }
}
