package dev.rill.io.example;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.io.proto.BytesList;
import dev.rill.io.proto.FeatureList;
import dev.rill.io.proto.Features;
import dev.rill.io.proto.FloatList;
import dev.rill.io.proto.Int64List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between Rill's feature values and the generated protobuf classes. */
final class Protos {
  private Protos() {}

  static dev.rill.io.proto.Feature toProto(Feature f) {
    dev.rill.io.proto.Feature.Builder b = dev.rill.io.proto.Feature.newBuilder();
    switch (f) {
      case Feature.Int64List l -> {
        Int64List.Builder lb = Int64List.newBuilder();
        for (long v : l.values()) {
          lb.addValue(v);
        }
        b.setInt64List(lb);
      }
      case Feature.FloatList l -> {
        FloatList.Builder lb = FloatList.newBuilder();
        for (float v : l.values()) {
          lb.addValue(v);
        }
        b.setFloatList(lb);
      }
      case Feature.BytesList l -> {
        BytesList.Builder lb = BytesList.newBuilder();
        for (byte[] v : l.values()) {
          lb.addValue(ByteString.copyFrom(v));
        }
        b.setBytesList(lb);
      }
      case Feature.Unset u -> { }
    }
    return b.build();
  }

  static Feature fromProto(dev.rill.io.proto.Feature p) {
    return switch (p.getKindCase()) {
      case INT64_LIST -> {
        Int64List l = p.getInt64List();
        long[] v = new long[l.getValueCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = l.getValue(i);
        }
        yield new Feature.Int64List(v);
      }
      case FLOAT_LIST -> {
        FloatList l = p.getFloatList();
        float[] v = new float[l.getValueCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = l.getValue(i);
        }
        yield new Feature.FloatList(v);
      }
      case BYTES_LIST -> {
        BytesList l = p.getBytesList();
        byte[][] v = new byte[l.getValueCount()][];
        for (int i = 0; i < v.length; i++) {
          v[i] = l.getValue(i).toByteArray();
        }
        yield new Feature.BytesList(v);
      }
      case KIND_NOT_SET -> Feature.unset();
    };
  }

  static Features toProto(Map<String, Feature> features) {
    Features.Builder b = Features.newBuilder();
    features.forEach((k, v) -> b.putFeature(k, toProto(v)));
    return b.build();
  }

  static Map<String, Feature> fromProto(Features features) {
    Map<String, Feature> m = new LinkedHashMap<>();
    features.getFeatureMap().forEach((k, v) -> m.put(k, fromProto(v)));
    return m;
  }

  static FeatureList toProto(List<Feature> steps) {
    FeatureList.Builder b = FeatureList.newBuilder();
    for (Feature f : steps) {
      b.addFeature(toProto(f));
    }
    return b.build();
  }

  static List<Feature> fromProto(FeatureList list) {
    List<Feature> steps = new ArrayList<>(list.getFeatureCount());
    for (dev.rill.io.proto.Feature f : list.getFeatureList()) {
      steps.add(fromProto(f));
    }
    return steps;
  }

  static ExampleParseException malformed(String what, long record, String name,
      InvalidProtocolBufferException e) {
    return new ExampleParseException(ExampleParseException.Kind.MALFORMED, null, record, name,
        "not a serialized " + what + " (" + e.getMessage() + ")", e);
  }
}
