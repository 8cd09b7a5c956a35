package dev.rill.io.example;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.ExampleParseException.Kind;
import dev.rill.io.proto.ExampleEntries;
import dev.rill.io.proto.FeatureMapEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses serialized {@code tf.train.Example}s into tensors by a feature spec, with the semantics
 * and outputs of TensorFlow's {@code tf.io.parse_example} and {@code tf.io.parse_single_example}
 * (op {@code ParseExampleV2}).
 *
 * {@snippet :
 * ExampleParser parser = ExampleParser.of(Map.of(
 *     "ink", VarLenFeature.of(DType.FLOAT32),
 *     "shape", FixedLenFeature.of(DType.INT64, 2),
 *     "class_index", FixedLenFeature.of(DType.INT64, 1)));
 * ParsedFeatures batch = parser.parse(payloads);       // payloads from a TfRecordReader
 * SparseTensor ink = batch.sparse("ink");              // indices [N, 2], dense shape [B, max]
 * Tensor shape = batch.dense("shape");                 // int64 [B, 2]
 * }
 *
 * <p>Per record and spec entry, as TensorFlow does:
 *
 * <ul>
 *   <li>{@link FixedLenFeature}: the feature must hold the spec's kind (float32 = float list, int64
 *       = int64 list, string = bytes list) and exactly {@code shape.size()} values. A record
 *       without it, or whose Feature has no list set, takes the default; without a default that is
 *       a {@link Kind#MISSING} error. Output {@code [batch] + shape}.
 *   <li>{@link VarLenFeature}: any number of values; absent or unset means none. Output a
 *       {@link SparseTensor} with indices {@code (record, position)} and dense shape
 *       {@code [batch, longest list]}.
 *   <li>{@link FixedLenSequenceFeature} (must allow missing): values back to back in rows of
 *       {@code shape}, padded to the record with the most rows: {@code [batch, maxRows] + shape}.
 * </ul>
 *
 * <p>A wrong list kind is a {@link Kind#WRONG_TYPE} error, a wrong count a {@link Kind#WRONG_LENGTH}
 * error, bytes that are no Example a {@link Kind#MALFORMED} error; each names the record and
 * feature. Features not in the spec are ignored. A key repeated on the wire (as in concatenated
 * Examples) resolves as in TensorFlow: the last entry wins, except that a later entry with no list
 * set does not hide an earlier one from a dense feature.
 *
 * <p>For the bytes protobuf serializers write, outputs and failures are TensorFlow's (checked
 * against {@code ParseExampleV2} on seeded random records and specs). Bytes no serializer writes
 * may be judged differently, since Rill decodes by protobuf's rules and TensorFlow with its own
 * wire parser: an unknown field inside a map entry, or a Feature with two lists set (protobuf: the
 * last one counts), is accepted by Rill and rejected by TensorFlow; a key that is not valid UTF-8
 * is rejected by Rill ({@link Kind#MALFORMED}) and accepted by TensorFlow. When a record has
 * several problems, the one reported may differ from TensorFlow's choice.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExampleParser {
  private final Map<String, FeatureSpec> spec;

  private ExampleParser(Map<String, FeatureSpec> spec) {
    this.spec = spec;
  }

  /**
   * A parser for {@code spec} (feature name to spec). Outputs keep the map's order.
   *
   * @throws IllegalArgumentException for a {@link FixedLenSequenceFeature} that does not allow
   *     missing (TensorFlow's parse_example requires it)
   */
  public static ExampleParser of(Map<String, ? extends FeatureSpec> spec) {
    Map<String, FeatureSpec> copy = new LinkedHashMap<>();
    spec.forEach((name, s) -> {
      Objects.requireNonNull(name, "feature name");
      Objects.requireNonNull(s, "spec of " + name);
      if (s instanceof FixedLenSequenceFeature f && !f.allowMissing()) {
        throw new IllegalArgumentException("feature '" + name + "': parsing Examples needs a "
            + "FixedLenSequenceFeature that allows missing (use allowingMissing())");
      }
      copy.put(name, s);
    });
    return new ExampleParser(copy);
  }

  /** {@code tf.io.parse_example(serialized, spec)}. */
  public static ParsedFeatures parseExample(List<byte[]> serialized,
      Map<String, ? extends FeatureSpec> spec) {
    return of(spec).parse(serialized);
  }

  /** {@code tf.io.parse_single_example(serialized, spec)}: outputs without the batch axis. */
  public static ParsedFeatures parseSingleExample(byte[] serialized,
      Map<String, ? extends FeatureSpec> spec) {
    return of(spec).parseSingle(serialized);
  }

  /** The spec, by feature name. */
  public Map<String, FeatureSpec> spec() {
    return Collections.unmodifiableMap(spec);
  }

  /** Parses a batch of serialized Examples. */
  public ParsedFeatures parse(List<byte[]> serialized) {
    return parse(serialized, null);
  }

  /**
   * Parses a batch of serialized Examples; {@code names} (one per record, or null) appear in error
   * messages, like TensorFlow's {@code example_names}.
   */
  public ParsedFeatures parse(List<byte[]> serialized, List<String> names) {
    if (names != null && names.size() != serialized.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + serialized.size()
          + " records");
    }
    List<Map<String, Feature>> records = new ArrayList<>(serialized.size());
    for (int b = 0; b < serialized.size(); b++) {
      records.add(decode(serialized.get(b), b, names == null ? null : names.get(b)));
    }
    return parseMaps(records, names, false);
  }

  /** Parses one serialized Example: like a batch of one, without the batch axis. */
  public ParsedFeatures parseSingle(byte[] serialized) {
    return parseMaps(List.of(decode(serialized, -1, null)), null, true);
  }

  /**
   * Parses a batch of already decoded Examples. An {@link Example} holds one Feature per key, so
   * keys repeated in the bytes it came from are already resolved by protobuf's rule (last wins).
   */
  public ParsedFeatures parseExamples(List<Example> examples) {
    List<Map<String, Feature>> records = new ArrayList<>(examples.size());
    for (Example e : examples) {
      records.add(e.features());
    }
    return parseMaps(records, null, false);
  }

  /** Parses one decoded Example, without the batch axis. */
  public ParsedFeatures parseSingle(Example example) {
    return parseMaps(List.of(example.features()), null, true);
  }

  /**
   * The spec's features of one serialized Example (others are not converted). A key repeated on
   * the wire resolves as in TensorFlow: the last entry wins, except that for a dense feature a
   * later entry with no list set does not hide an earlier one that has a list.
   */
  private Map<String, Feature> decode(byte[] serialized, long record, String name) {
    ExampleEntries proto;
    try {
      proto = ExampleEntries.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw Protos.malformed("tf.train.Example", record, name, e);
    }
    List<FeatureMapEntry> entries = proto.getFeatures().getFeatureList();
    Map<String, Feature> out = new HashMap<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      FeatureMapEntry entry = entries.get(i);
      FeatureSpec s = spec.get(entry.getKey());
      if (s == null) {
        continue;
      }
      Feature seen = out.get(entry.getKey());
      boolean dense = !(s instanceof VarLenFeature);
      if (seen == null || dense && !hasList(seen)) {
        Feature f = Protos.fromProto(entry.getValue());
        if (seen == null || hasList(f)) {
          out.put(entry.getKey(), f);
        }
      }
    }
    return out;
  }

  /** Parses records given as feature maps; {@code single} drops the batch axis. */
  ParsedFeatures parseMaps(List<Map<String, Feature>> records, List<String> names,
      boolean single) {
    int batch = records.size();
    Map<String, Output> outputs = new LinkedHashMap<>();
    spec.forEach((key, s) -> outputs.put(key, new Output(key, s, batch)));
    for (int b = 0; b < batch; b++) {
      Map<String, Feature> record = records.get(b);
      long index = single ? -1 : b;
      String name = names == null ? null : names.get(b);
      // Present features first, then missing ones, as TensorFlow reports them.
      for (Output o : outputs.values()) {
        o.check(record.get(o.key), index, name);
      }
      for (Output o : outputs.values()) {
        o.checkMissing(record.get(o.key), index, name);
      }
      for (Output o : outputs.values()) {
        o.add(record.get(o.key));
      }
    }
    Map<String, Tensor> dense = new LinkedHashMap<>();
    Map<String, SparseTensor> sparse = new LinkedHashMap<>();
    for (Output o : outputs.values()) {
      if (o.spec instanceof VarLenFeature) {
        sparse.put(o.key, o.sparse(single));
      } else {
        dense.put(o.key, o.dense(single));
      }
    }
    return new ParsedFeatures(dense, sparse);
  }

  /** True if {@code f} holds a list (of any kind). */
  static boolean hasList(Feature f) {
    return f != null && f.kind() != Feature.Kind.KIND_NOT_SET;
  }

  /** A list of the wrong kind; {@code where} prefixes the detail (e.g. the step). */
  static ExampleParseException wrongType(String key, long record, String name, String where,
      DType expected, Feature f) {
    return new ExampleParseException(Kind.WRONG_TYPE, key, record, name, where + "expected a "
        + listName(expected) + " for dtype " + expected + ", found a "
        + f.kind().name().toLowerCase(), null);
  }

  static String listName(DType dtype) {
    return switch (dtype) {
      case INT64 -> "int64_list";
      case FLOAT32 -> "float_list";
      default -> "bytes_list";
    };
  }

  /** One spec entry's checks and accumulated output. */
  private static final class Output {
    final String key;
    final FeatureSpec spec;
    final int batch;
    final ValueBuffer values;
    final int[] counts;
    private int row;

    Output(String key, FeatureSpec spec, int batch) {
      this.key = key;
      this.spec = spec;
      this.batch = batch;
      int each = spec instanceof FixedLenFeature f ? f.shape().size() : 4;
      this.values = new ValueBuffer(spec.dtype(), (int) Math.min(1 << 20, (long) each * batch));
      this.counts = new int[batch];
    }

    void check(Feature f, long record, String name) {
      if (!hasList(f)) {
        return;
      }
      if (f.dtype() != spec.dtype()) {
        throw wrongType(key, record, name, "", spec.dtype(), f);
      }
      switch (spec) {
        case FixedLenFeature fixed -> {
          if (f.size() != fixed.shape().size()) {
            throw new ExampleParseException(Kind.WRONG_LENGTH, key, record, name, "expected "
                + fixed.shape().size() + " values for shape " + fixed.shape() + ", found "
                + f.size(), null);
          }
        }
        case FixedLenSequenceFeature rows -> {
          if (f.size() % rows.shape().size() != 0) {
            throw new ExampleParseException(Kind.WRONG_LENGTH, key, record, name, "expected a "
                + "multiple of " + rows.shape().size() + " values (rows of shape "
                + rows.shape() + "), found " + f.size(), null);
          }
        }
        case VarLenFeature v -> { }
      }
    }

    void checkMissing(Feature f, long record, String name) {
      if (spec instanceof FixedLenFeature fixed && !hasList(f) && !fixed.hasDefault()) {
        throw new ExampleParseException(Kind.MISSING, key, record, name, "required " + spec.dtype()
            + " feature of shape " + fixed.shape() + " is absent and has no default"
            + (f == null ? "" : " (present, but its kind is not set)"), null);
      }
    }

    void add(Feature f) {
      if (spec instanceof FixedLenFeature fixed && !hasList(f)) {
        values.append(fixed.defaultValue());
      } else if (f != null) {
        values.append(f);
        counts[row] = f.size();
      }
      row++;
    }

    Tensor dense(boolean single) {
      if (spec instanceof FixedLenFeature fixed) {
        return values.toTensor(single ? fixed.shape() : Shape.of(batch).append(fixed.shape()
            .dims()));
      }
      FixedLenSequenceFeature rows = (FixedLenSequenceFeature) spec;
      int stride = rows.shape().size();
      int maxRows = 0;
      for (int c : counts) {
        maxRows = Math.max(maxRows, c / stride);
      }
      // Re-lay the values with each record padded to maxRows rows.
      ValueBuffer padded = new ValueBuffer(spec.dtype(), batch * maxRows * stride);
      Tensor flat = values.toTensor(Shape.of(values.size()));
      int at = 0;
      for (int c : counts) {
        padded.append(slice(flat, at, c));
        padded.pad(maxRows * stride - c, rows.defaultValue());
        at += c;
      }
      Shape rowsShape = Shape.of(maxRows).append(rows.shape().dims());
      return padded.toTensor(single ? rowsShape : Shape.of(batch).append(rowsShape.dims()));
    }

    SparseTensor sparse(boolean single) {
      int n = values.size();
      int rank = single ? 1 : 2;
      long[] indices = new long[n * rank];
      int k = 0;
      int longest = 0;
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < counts[b]; i++) {
          if (!single) {
            indices[k++] = b;
          }
          indices[k++] = i;
        }
        longest = Math.max(longest, counts[b]);
      }
      Tensor shape = single ? Tensor.of((long) longest) : Tensor.of((long) batch, longest);
      return new SparseTensor(Tensor.of(Shape.of(n, rank), indices),
          values.toTensor(Shape.of(n)), shape);
    }
  }

  /** Elements {@code [from, from + n)} of a rank-1 tensor. */
  static Tensor slice(Tensor flat, int from, int n) {
    Object part = Tensor.allocate(flat.dtype(), n);
    System.arraycopy(flat.data(), from, part, 0, n);
    return Tensor.wrap(flat.dtype(), Shape.of(n), part);
  }
}
