package dev.rill.io.example;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.io.proto.FeatureLists;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code tf.train.SequenceExample}: context features that hold for the whole record, plus
 * feature lists with one {@link Feature} per time step. Immutable.
 *
 * {@snippet :
 * SequenceExample s = SequenceExample.builder()
 *     .context("label", Feature.int64s(1))
 *     .featureList("tokens", Feature.int64s(12), Feature.int64s(7), Feature.int64s(40))
 *     .featureList("frames", Feature.floats(0.1f, 0.2f), Feature.floats(0.3f, 0.4f))
 *     .build();
 * byte[] payload = s.toByteArray();
 * }
 */
public final class SequenceExample {
  private final Map<String, Feature> context;
  private final Map<String, List<Feature>> featureLists;

  private SequenceExample(Map<String, Feature> context, Map<String, List<Feature>> featureLists) {
    this.context = context;
    this.featureLists = featureLists;
  }

  /** A SequenceExample of the given context and feature lists, in the maps' order. */
  public static SequenceExample of(Map<String, ? extends Feature> context,
      Map<String, ? extends List<? extends Feature>> featureLists) {
    Builder b = builder();
    context.forEach(b::context);
    featureLists.forEach((k, v) -> b.featureList(k, List.copyOf(v)));
    return b.build();
  }

  /** A builder that adds context features and feature lists by name (last one wins). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes a serialized {@code tf.train.SequenceExample}.
   *
   * @throws ExampleParseException of kind {@code MALFORMED} if the bytes are not one
   */
  public static SequenceExample parseFrom(byte[] serialized) {
    try {
      return fromProto(dev.rill.io.proto.SequenceExample.parseFrom(serialized));
    } catch (InvalidProtocolBufferException e) {
      throw Protos.malformed("tf.train.SequenceExample", -1, null, e);
    }
  }

  /** From the generated protobuf message. */
  public static SequenceExample fromProto(dev.rill.io.proto.SequenceExample proto) {
    Map<String, List<Feature>> lists = new LinkedHashMap<>();
    proto.getFeatureLists().getFeatureListMap().forEach((k, v) ->
        lists.put(k, Collections.unmodifiableList(Protos.fromProto(v))));
    return new SequenceExample(Collections.unmodifiableMap(Protos.fromProto(proto.getContext())),
        Collections.unmodifiableMap(lists));
  }

  /** As the generated protobuf message. */
  public dev.rill.io.proto.SequenceExample toProto() {
    FeatureLists.Builder lists = FeatureLists.newBuilder();
    featureLists.forEach((k, v) -> lists.putFeatureList(k, Protos.toProto(v)));
    return dev.rill.io.proto.SequenceExample.newBuilder()
        .setContext(Protos.toProto(context))
        .setFeatureLists(lists)
        .build();
  }

  /** The serialized protobuf bytes. */
  public byte[] toByteArray() {
    return toProto().toByteArray();
  }

  /** The context features by name (unmodifiable). */
  public Map<String, Feature> context() {
    return context;
  }

  /** The feature lists by name, each one Feature per step (unmodifiable). */
  public Map<String, List<Feature>> featureLists() {
    return featureLists;
  }

  /** The named feature list, or null. */
  public List<Feature> featureList(String name) {
    return featureLists.get(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceExample s && s.context.equals(context)
        && s.featureLists.equals(featureLists);
  }

  @Override
  public int hashCode() {
    return context.hashCode() * 31 + featureLists.hashCode();
  }

  @Override
  public String toString() {
    return "SequenceExample{context=" + context + ", featureLists=" + featureLists + "}";
  }

  /** Collects context features and feature lists for a {@link SequenceExample}. */
  public static final class Builder {
    private final Map<String, Feature> context = new LinkedHashMap<>();
    private final Map<String, List<Feature>> lists = new LinkedHashMap<>();

    private Builder() {}

    /** Adds (or replaces) a context feature. */
    public Builder context(String name, Feature value) {
      context.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    /** Adds all features of {@code example} to the context. */
    public Builder context(Example example) {
      example.features().forEach(this::context);
      return this;
    }

    /** Adds (or replaces) a feature list, one Feature per step. */
    public Builder featureList(String name, List<? extends Feature> steps) {
      for (Feature f : steps) {
        Objects.requireNonNull(f, name);
      }
      lists.put(Objects.requireNonNull(name, "name"), List.copyOf(steps));
      return this;
    }

    /** Adds (or replaces) a feature list, one Feature per step. */
    public Builder featureList(String name, Feature... steps) {
      return featureList(name, Arrays.asList(steps));
    }

    /** Adds a feature list of int64 steps, each step one array. */
    public Builder int64Steps(String name, long[]... steps) {
      return featureList(name, Arrays.stream(steps).map(Feature::int64s).toList());
    }

    /** Adds a feature list of float32 steps, each step one array. */
    public Builder floatSteps(String name, float[]... steps) {
      return featureList(name, Arrays.stream(steps).map(Feature::floats).toList());
    }

    /** Adds a feature list with one string per step (e.g. tokens), UTF-8 encoded. */
    public Builder stringSteps(String name, String... steps) {
      return featureList(name, Arrays.stream(steps).map(Feature::strings).toList());
    }

    public SequenceExample build() {
      return new SequenceExample(Collections.unmodifiableMap(new LinkedHashMap<>(context)),
          Collections.unmodifiableMap(new LinkedHashMap<>(lists)));
    }
  }
}
