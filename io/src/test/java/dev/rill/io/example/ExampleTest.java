package dev.rill.io.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.rill.io.tfrecord.GoldenTfRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Example and SequenceExample values: building, encoding, decoding, and their wire bytes. */
class ExampleTest {
  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  @Test
  void builderKeepsOrderTypesAndTheLastValueOfAName() {
    Example e = Example.builder()
        .int64("class_index", 3)
        .floats("ink", 0.5f, -1f)
        .bytes("raw", new byte[] {0, (byte) 0xff})
        .strings("word", "café")
        .int64("class_index", 4)
        .build();
    assertThat(e.names()).containsExactly("class_index", "ink", "raw", "word");
    assertThat(e.int64s("class_index")).containsExactly(4);
    assertThat(e.floats("ink")).containsExactly(0.5f, -1f);
    assertThat(e.bytes("raw")[0]).containsExactly(0, 0xff - 256);
    assertThat(e.strings("word")).containsExactly("café");
    assertThat(e.get("nope")).isNull();
    assertThat(e.has("ink")).isTrue();
    assertThat(Example.parseFrom(e.toByteArray())).isEqualTo(e);
    assertThat(e.toString()).contains("class_index", "int64_list[4]");
  }

  @Test
  void factoriesCopyTheirArguments() {
    long[] v = {1, 2};
    Feature f = Feature.int64s(v);
    v[0] = 9;
    assertThat(((Feature.Int64List) f).values()).containsExactly(1, 2);
    byte[] b = {1};
    Example e = Example.builder().bytes("b", b).build();
    b[0] = 2;
    assertThat(e.bytes("b")[0]).containsExactly(1);
  }

  @Test
  void typedAccessorsNameTheFeatureWhenAbsentOrOfAnotherKind() {
    Example e = Example.builder().floats("ink", 1f).build();
    assertThatThrownBy(() -> e.int64s("ink")).isInstanceOfSatisfying(ExampleParseException.class,
        x -> {
          assertThat(x.kind()).isEqualTo(ExampleParseException.Kind.WRONG_TYPE);
          assertThat(x.feature()).isEqualTo("ink");
          assertThat(x.getMessage()).contains("int64_list", "float_list");
        });
    assertThatThrownBy(() -> e.floats("word")).isInstanceOfSatisfying(ExampleParseException.class,
        x -> assertThat(x.kind()).isEqualTo(ExampleParseException.Kind.MISSING));
  }

  @Test
  void wireBytesAreTensorFlowsLayout() {
    // Example { features { feature { key: "ink" value { float_list {} } } } }: record 4's ink.
    Example empty = Example.builder().floats("ink").build();
    assertThat(empty.toByteArray()).isEqualTo(hex("0a 0b 0a 09 0a 03 696e6b 12 02 12 00"));
    // Packed floats, LE; packed int64 varints, a negative one taking 10 bytes.
    assertThat(Example.builder().floats("f", 1f).build().toByteArray())
        .isEqualTo(hex("0a 0f 0a 0d 0a 01 66 12 08 12 06 0a 04 0000803f"));
    assertThat(Example.builder().int64("i", 1, -1).build().toByteArray()).isEqualTo(
        hex("0a 16 0a 14 0a 01 69 12 0f 1a 0d 0a 0b 01 ffffffffffffffffff01"));
    assertThat(Example.builder().strings("s", "a", "").build().toByteArray())
        .isEqualTo(hex("0a 0e 0a 0c 0a 01 73 12 07 0a 05 0a 01 61 0a 00"));
    assertThat(Example.empty().toByteArray()).isEqualTo(hex("0a 00"));
  }

  @Test
  void decodesUnpackedScalarsMapEntriesInAnyOrderAndUnsetKinds() throws IOException {
    // Features written by hand: value before key, unpacked int64s, a Feature with no kind.
    ByteArrayOutputStream features = new ByteArrayOutputStream();
    CodedOutputStream f = CodedOutputStream.newInstance(features);
    byte[] int64s = featureBytes(o -> {
      o.writeTag(3, 2); // int64_list
      o.writeUInt32NoTag(4);
      o.writeInt64(1, 7); // unpacked: tag 08
      o.writeInt64(1, 8);
    });
    f.writeTag(1, 2);
    f.writeUInt32NoTag(2 + int64s.length + 3);
    f.writeByteArray(2, int64s); // value first
    f.writeString(1, "n");
    f.writeTag(1, 2);
    f.writeUInt32NoTag(3 + 2);
    f.writeString(1, "u");
    f.writeByteArray(2, new byte[0]); // a Feature with no kind
    f.flush();
    ByteArrayOutputStream example = new ByteArrayOutputStream();
    CodedOutputStream e = CodedOutputStream.newInstance(example);
    e.writeByteArray(1, features.toByteArray());
    e.flush();
    Example got = Example.parseFrom(example.toByteArray());
    assertThat(got.int64s("n")).containsExactly(7, 8);
    assertThat(got.get("u")).isSameAs(Feature.unset());
    assertThat(got.get("u").kind()).isEqualTo(Feature.Kind.KIND_NOT_SET);
    // An unset kind survives re-encoding.
    assertThat(Example.parseFrom(got.toByteArray()).get("u")).isSameAs(Feature.unset());
  }

  private interface Writer {
    void write(CodedOutputStream o) throws IOException;
  }

  private static byte[] featureBytes(Writer w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    w.write(o);
    o.flush();
    return b.toByteArray();
  }

  @Test
  void malformedBytesAreATypedError() {
    assertThatThrownBy(() -> Example.parseFrom(new byte[] {0x0a, 0x05, 0x0a}))
        .isInstanceOfSatisfying(ExampleParseException.class, x -> {
          assertThat(x.kind()).isEqualTo(ExampleParseException.Kind.MALFORMED);
          assertThat(x.feature()).isNull();
          assertThat(x.getCause()).isNotNull();
        });
    assertThatThrownBy(() -> SequenceExample.parseFrom(new byte[] {(byte) 0xff}))
        .isInstanceOf(ExampleParseException.class);
  }

  @Test
  void tensorFlowsOwnProtoClassesReadRillsBytesAndViceVersa() throws Exception {
    for (byte[] payload : GoldenTfRecord.payloads()) {
      Example ours = Example.parseFrom(payload);
      org.tensorflow.proto.Example theirs = org.tensorflow.proto.Example.parseFrom(
          ours.toByteArray());
      assertThat(theirs).isEqualTo(org.tensorflow.proto.Example.parseFrom(payload));
      assertThat(Example.parseFrom(theirs.toByteArray())).isEqualTo(ours);
    }
    org.tensorflow.proto.SequenceExample tf = org.tensorflow.proto.SequenceExample.newBuilder()
        .setContext(org.tensorflow.proto.Features.newBuilder().putFeature("label",
            org.tensorflow.proto.Feature.newBuilder().setInt64List(
                org.tensorflow.proto.Int64List.newBuilder().addValue(5)).build()))
        .setFeatureLists(org.tensorflow.proto.FeatureLists.newBuilder().putFeatureList("words",
            org.tensorflow.proto.FeatureList.newBuilder()
                .addFeature(org.tensorflow.proto.Feature.newBuilder().setBytesList(
                    org.tensorflow.proto.BytesList.newBuilder()
                        .addValue(ByteString.copyFromUtf8("hi"))))
                .addFeature(org.tensorflow.proto.Feature.getDefaultInstance()).build()))
        .build();
    SequenceExample ours = SequenceExample.parseFrom(tf.toByteArray());
    assertThat(ours).isEqualTo(SequenceExample.builder().context("label", Feature.int64s(5))
        .featureList("words", Feature.strings("hi"), Feature.unset()).build());
    assertThat(org.tensorflow.proto.SequenceExample.parseFrom(ours.toByteArray())).isEqualTo(tf);
  }

  @Test
  void sequenceExamplesRoundTrip() {
    SequenceExample s = SequenceExample.builder()
        .context(Example.builder().int64("label", 1).strings("id", "x").build())
        .int64Steps("tokens", new long[] {1}, new long[] {2, 3})
        .floatSteps("frames", new float[] {0.5f})
        .stringSteps("words", "a", "b", "c")
        .featureList("empty", List.of())
        .build();
    SequenceExample back = SequenceExample.parseFrom(s.toByteArray());
    assertThat(back).isEqualTo(s);
    assertThat(back.featureList("words")).hasSize(3);
    assertThat(back.featureList("empty")).isEmpty();
    assertThat(back.context()).containsEntry("label", Feature.int64s(1));
    assertThat(SequenceExample.of(s.context(), s.featureLists())).isEqualTo(s);
    assertThat(Example.of(Map.of("a", Feature.floats(1f)))).isEqualTo(
        Example.builder().floats("a", 1f).build());
  }

  @Test
  void floatEqualityIsBitwiseAndStringsDecodeAsUtf8() {
    assertThat(Feature.floats(Float.NaN)).isEqualTo(Feature.floats(Float.NaN));
    assertThat(Feature.floats(0f)).isNotEqualTo(Feature.floats(-0f));
    assertThat(Feature.strings("日本").strings()).containsExactly("日本");
    assertThat(Feature.strings("日本").values()[0])
        .isEqualTo("日本".getBytes(StandardCharsets.UTF_8));
  }
}
