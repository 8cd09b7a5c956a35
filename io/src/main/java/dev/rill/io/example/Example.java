package dev.rill.io.example;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code tf.train.Example}: named features, each a list of int64s, float32s or byte strings.
 * Immutable; serializes to and from the protobuf bytes TensorFlow stores in TFRecord files.
 *
 * {@snippet :
 * Example e = Example.builder()
 *     .int64("class_index", 3)
 *     .floats("ink", 0.1f, -0.2f, 1f)
 *     .strings("word", "cat")
 *     .build();
 * byte[] payload = e.toByteArray();              // a TFRecord payload
 * Example back = Example.parseFrom(payload);
 * long[] classIndex = back.int64s("class_index");
 * }
 *
 * <p>Feature order is the order they were added; it does not matter to TensorFlow, and the bytes
 * of the same Example from different serializers may differ in it.
 */
public final class Example {
  private static final Example EMPTY = new Example(Map.of());

  private final Map<String, Feature> features;

  private Example(Map<String, Feature> features) {
    this.features = features;
  }

  /** An Example holding {@code features}, in the map's iteration order. */
  public static Example of(Map<String, ? extends Feature> features) {
    Map<String, Feature> m = new LinkedHashMap<>();
    features.forEach((k, v) -> m.put(Objects.requireNonNull(k, "feature name"),
        Objects.requireNonNull(v, "feature " + k)));
    return new Example(Collections.unmodifiableMap(m));
  }

  /** The Example with no features. */
  public static Example empty() {
    return EMPTY;
  }

  /** A builder that adds features by name; a name added twice keeps its last value. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes a serialized {@code tf.train.Example}.
   *
   * @throws ExampleParseException of kind {@code MALFORMED} if the bytes are not one
   */
  public static Example parseFrom(byte[] serialized) {
    try {
      return fromProto(dev.rill.io.proto.Example.parseFrom(serialized));
    } catch (InvalidProtocolBufferException e) {
      throw Protos.malformed("tf.train.Example", -1, null, e);
    }
  }

  /** From the generated protobuf message. */
  public static Example fromProto(dev.rill.io.proto.Example proto) {
    return new Example(Collections.unmodifiableMap(Protos.fromProto(proto.getFeatures())));
  }

  /** As the generated protobuf message. */
  public dev.rill.io.proto.Example toProto() {
    return dev.rill.io.proto.Example.newBuilder().setFeatures(Protos.toProto(features)).build();
  }

  /** The serialized protobuf bytes, e.g. a TFRecord payload. */
  public byte[] toByteArray() {
    return toProto().toByteArray();
  }

  /** The features by name (unmodifiable, in insertion order). */
  public Map<String, Feature> features() {
    return features;
  }

  /** The feature names. */
  public Set<String> names() {
    return features.keySet();
  }

  /** The named feature, or null. */
  public Feature get(String name) {
    return features.get(name);
  }

  /** Whether the named feature is present (even if its kind is not set). */
  public boolean has(String name) {
    return features.containsKey(name);
  }

  /**
   * The named int64 list's values.
   *
   * @throws ExampleParseException if the feature is absent or another kind
   */
  public long[] int64s(String name) {
    return ((Feature.Int64List) typed(name, Feature.Kind.INT64_LIST)).values();
  }

  /** The named float list's values (see {@link #int64s}). */
  public float[] floats(String name) {
    return ((Feature.FloatList) typed(name, Feature.Kind.FLOAT_LIST)).values();
  }

  /** The named bytes list's values (see {@link #int64s}). */
  public byte[][] bytes(String name) {
    return ((Feature.BytesList) typed(name, Feature.Kind.BYTES_LIST)).values();
  }

  /** The named bytes list's values decoded as UTF-8 (see {@link #int64s}). */
  public String[] strings(String name) {
    return ((Feature.BytesList) typed(name, Feature.Kind.BYTES_LIST)).strings();
  }

  private Feature typed(String name, Feature.Kind kind) {
    Feature f = features.get(name);
    if (f == null) {
      throw new ExampleParseException(ExampleParseException.Kind.MISSING, name, -1, null,
          "no such feature (present: " + features.keySet() + ")", null);
    }
    if (f.kind() != kind) {
      throw new ExampleParseException(ExampleParseException.Kind.WRONG_TYPE, name, -1, null,
          "expected " + kind.name().toLowerCase() + ", found " + f.kind().name().toLowerCase(),
          null);
    }
    return f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Example e && e.features.equals(features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    return "Example" + features;
  }

  /** Collects features for an {@link Example}. */
  public static final class Builder {
    private final Map<String, Feature> features = new LinkedHashMap<>();

    private Builder() {}

    /** Adds (or replaces) a feature. */
    public Builder feature(String name, Feature value) {
      features.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    /** Adds an int64 list. */
    public Builder int64(String name, long... values) {
      return feature(name, Feature.int64s(values));
    }

    /** Adds a float32 list. */
    public Builder floats(String name, float... values) {
      return feature(name, Feature.floats(values));
    }

    /** Adds a byte-string list. */
    public Builder bytes(String name, byte[]... values) {
      return feature(name, Feature.bytes(values));
    }

    /** Adds a byte-string list of the strings' UTF-8 bytes. */
    public Builder strings(String name, String... values) {
      return feature(name, Feature.strings(values));
    }

    /** Adds all features of {@code other}. */
    public Builder putAll(Example other) {
      other.features.forEach(this::feature);
      return this;
    }

    public Example build() {
      return Example.of(features);
    }
  }
}
