package dev.rill.io.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.CodedOutputStream;
import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.tfrecord.GoldenTfRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * TensorFlow's ParseExampleV2 and ParseSequenceExampleV2 as oracles: Examples Rill encodes parse in
 * TensorFlow to the expected values, and on seeded random records and specs (with missing
 * features, unset kinds, wrong kinds and wrong lengths) Rill's parsers succeed exactly when
 * TensorFlow's do, with identical outputs.
 */
class TensorFlowParseInteropTest {
  /** Random batches compared with ParseExampleV2 (plus as many single records). */
  static final int EXAMPLE_CASES = 120;
  /** Random batches compared with ParseSequenceExampleV2 (plus as many single records). */
  static final int SEQUENCE_CASES = 80;

  @Test
  void examplesRillEncodesParseInTensorFlowToTheExpectedValues() {
    List<byte[]> batch = List.of(
        Example.builder().int64("class_index", 3).floats("ink", 0.5f, -1f, 1f, 2f, 0f, 0f)
            .strings("word", "café").int64("shape", 2, 3).build().toByteArray(),
        Example.builder().int64("class_index", 20).floats("ink").strings("word", "日本")
            .int64("shape", 0, 3).bytes("extra", new byte[] {(byte) 0xff}).build().toByteArray());
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    spec.put("class_index", FixedLenFeature.of(DType.INT64, 1));
    spec.put("ink", VarLenFeature.of(DType.FLOAT32));
    spec.put("word", FixedLenFeature.of(DType.STRING));
    spec.put("shape", FixedLenFeature.of(DType.INT64, 2));
    spec.put("missing", FixedLenFeature.of(DType.FLOAT32, 2).withDefault(7f, 8f));
    ParsedFeatures tf = TfParseOracle.parseExample(batch, spec, false);
    assertThat(tf.dense("class_index").contentEquals(Tensor.of(Shape.of(2, 1), 3L, 20L))).isTrue();
    assertThat(tf.dense("word").contentEquals(Tensor.ofStrings(Shape.of(2), "café", "日本")))
        .isTrue();
    assertThat(tf.dense("shape").contentEquals(Tensor.of(Shape.of(2, 2), 2L, 3L, 0L, 3L)))
        .isTrue();
    assertThat(tf.dense("missing").contentEquals(Tensor.of(Shape.of(2, 2), 7f, 8f, 7f, 8f)))
        .isTrue();
    SparseTensor ink = tf.sparse("ink");
    assertThat(ink.values().contentEquals(Tensor.of(0.5f, -1f, 1f, 2f, 0f, 0f))).isTrue();
    assertThat(ink.indices().longData()).containsExactly(0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5);
    assertThat(ink.denseShape().longData()).containsExactly(2, 6);
    GoldenExampleTest.assertSameOutputs(ExampleParser.parseExample(batch, spec), tf);
  }

  @Test
  void tensorFlowParsesTheGoldenRecordsAsTheSidecarSays() {
    // Checks the oracle itself against the golden outputs.
    GoldenExampleTest.assertSameOutputs(TfParseOracle.parseExample(GoldenTfRecord.payloads(),
        GoldenExampleTest.goldenSpec(), false), GoldenExampleTest.goldenOutputs());
  }

  @Test
  void sequenceExamplesRillEncodesParseInTensorFlowToTheExpectedValues() {
    List<byte[]> batch = List.of(
        SequenceExample.builder().context("label", Feature.int64s(1))
            .int64Steps("tokens", new long[] {5}, new long[] {6}, new long[] {7})
            .floatSteps("frames", new float[] {1, 2}, new float[] {3, 4})
            .stringSteps("words", "a", "bb").build().toByteArray(),
        SequenceExample.builder().context("label", Feature.int64s(0))
            .int64Steps("tokens", new long[] {8})
            .featureList("words", Feature.strings(), Feature.strings("c", "d")).build()
            .toByteArray());
    Map<String, FeatureSpec> context = Map.of("label", FixedLenFeature.of(DType.INT64));
    Map<String, FeatureSpec> lists = new LinkedHashMap<>();
    lists.put("tokens", FixedLenSequenceFeature.of(DType.INT64));
    lists.put("frames", FixedLenSequenceFeature.of(DType.FLOAT32, 2).allowingMissing());
    lists.put("words", VarLenFeature.of(DType.STRING));
    ParsedSequenceExamples tf = TfParseOracle.parseSequenceExample(batch, context, lists, false);
    assertThat(tf.featureLists().dense("tokens")
        .contentEquals(Tensor.of(Shape.of(2, 3), 5L, 6L, 7L, 8L, 0L, 0L))).isTrue();
    assertThat(tf.featureLists().dense("frames")
        .contentEquals(Tensor.of(Shape.of(2, 2, 2), 1f, 2f, 3f, 4f, 0f, 0f, 0f, 0f))).isTrue();
    assertThat(tf.length("tokens").longData()).containsExactly(3, 1);
    assertThat(tf.length("frames").longData()).containsExactly(2, 0);
    SparseTensor words = tf.featureLists().sparse("words");
    assertThat(words.indices().longData()).containsExactly(0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1);
    assertThat(words.denseShape().longData()).containsExactly(2, 2, 2);
    assertSame(SequenceExampleParser.parseSequenceExample(batch, context, lists), tf);
  }

  @Test
  void randomExamplesParseExactlyAsInTensorFlow() {
    RandomExamples gen = new RandomExamples(20240607L);
    int[] outcomes = new int[2];
    for (int c = 0; c < EXAMPLE_CASES; c++) {
      Map<String, FeatureSpec> spec = gen.exampleSpec();
      int n = gen.random().nextInt(5);
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(gen.example(spec).toByteArray());
      }
      String what = "case " + c + " spec " + spec;
      compare(what, () -> ExampleParser.parseExample(batch, spec),
          () -> TfParseOracle.parseExample(batch, spec, false), outcomes,
          GoldenExampleTest::assertSameOutputs);
      byte[] one = gen.example(spec).toByteArray();
      compare(what + " single", () -> ExampleParser.parseSingleExample(one, spec),
          () -> TfParseOracle.parseExample(List.of(one), spec, true), outcomes,
          GoldenExampleTest::assertSameOutputs);
    }
    // Both outcomes must actually occur, or the comparison proves little.
    assertThat(outcomes[0]).as("cases parsed").isGreaterThan(EXAMPLE_CASES / 3);
    assertThat(outcomes[1]).as("cases rejected").isGreaterThan(EXAMPLE_CASES / 3);
  }

  @Test
  void randomSequenceExamplesParseExactlyAsInTensorFlow() {
    RandomExamples gen = new RandomExamples(777L);
    int[] outcomes = new int[2];
    for (int c = 0; c < SEQUENCE_CASES; c++) {
      Map<String, FeatureSpec> context = gen.contextSpec();
      Map<String, FeatureSpec> lists = gen.featureListSpec();
      // TensorFlow rejects an empty batch with a required context feature (see the parser's doc).
      int n = 1 + gen.random().nextInt(4);
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(gen.sequenceExample(context, lists).toByteArray());
      }
      String what = "case " + c + " context " + context + " lists " + lists;
      compare(what, () -> SequenceExampleParser.parseSequenceExample(batch, context, lists),
          () -> TfParseOracle.parseSequenceExample(batch, context, lists, false), outcomes,
          TensorFlowParseInteropTest::assertSame);
      byte[] one = gen.sequenceExample(context, lists).toByteArray();
      compare(what + " single",
          () -> SequenceExampleParser.parseSingleSequenceExample(one, context, lists),
          () -> TfParseOracle.parseSequenceExample(List.of(one), context, lists, true), outcomes,
          TensorFlowParseInteropTest::assertSame);
    }
    assertThat(outcomes[0]).as("cases parsed").isGreaterThan(SEQUENCE_CASES / 4);
    assertThat(outcomes[1]).as("cases rejected").isGreaterThan(SEQUENCE_CASES / 4);
  }

  @Test
  void repeatedKeysInConcatenatedExamplesResolveAsInTensorFlow() {
    // Protobuf merges concatenated messages; TensorFlow's parser sees every entry of a key.
    byte[] withLists = Example.builder().int64("d", 1).int64("s", 2).int64("t", 10).build()
        .toByteArray();
    byte[] unset = Example.builder().feature("d", Feature.unset()).feature("s", Feature.unset())
        .int64("t", 3).build().toByteArray();
    byte[] other = Example.builder().int64("d", 4).floats("s", 5f).build().toByteArray();
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    spec.put("d", FixedLenFeature.of(DType.INT64));
    spec.put("s", VarLenFeature.of(DType.INT64));
    spec.put("t", VarLenFeature.of(DType.INT64));
    List<byte[]> batch = List.of(concat(withLists, unset), concat(unset, withLists),
        concat(withLists, other, unset));
    Map<String, FeatureSpec> safe = new LinkedHashMap<>(spec);
    safe.remove("s"); // the third record's s is a float list last: a type error in both
    ParsedFeatures tf = TfParseOracle.parseExample(batch, safe, false);
    GoldenExampleTest.assertSameOutputs(ExampleParser.parseExample(batch, safe), tf);
    // The later unset d does not hide the earlier 1; the last t (3) wins.
    assertThat(tf.dense("d").longData()).containsExactly(1, 1, 4);
    assertThat(tf.sparse("t").values().longData()).containsExactly(3, 10, 3);
    for (byte[] rec : batch) {
      compare("record", () -> ExampleParser.parseExample(List.of(rec), spec),
          () -> TfParseOracle.parseExample(List.of(rec), spec, false), new int[2],
          GoldenExampleTest::assertSameOutputs);
    }
  }

  @Test
  void theDocumentedDifferencesOnBytesNoSerializerWritesStillHold() throws Exception {
    // If TensorFlow or Rill changes here, update the ExampleParser/SequenceExampleParser docs.
    Map<String, FeatureSpec> spec = Map.of("a", FixedLenFeature.of(DType.INT64));
    byte[] feature = Protos.toProto(Feature.int64s(5)).toByteArray();
    byte[] unknownInEntry = example(entry(o -> {
      o.writeString(1, "a");
      o.writeByteArray(2, feature);
      o.writeInt64(3, 1);
    }));
    assertThat(ExampleParser.parseExample(List.of(unknownInEntry), spec).dense("a").longData())
        .containsExactly(5);
    assertTfRejects(() -> TfParseOracle.parseExample(List.of(unknownInEntry), spec, false));

    byte[] twoLists = example(entry(o -> {
      o.writeString(1, "a");
      o.writeByteArray(2, bytes(p -> {
        p.writeByteArray(2, Protos.toProto(Feature.floats(1f)).getFloatList().toByteArray());
        p.writeByteArray(3, Protos.toProto(Feature.int64s(9)).getInt64List().toByteArray());
      }));
    }));
    assertThat(ExampleParser.parseExample(List.of(twoLists), spec).dense("a").longData())
        .containsExactly(9);
    assertTfRejects(() -> TfParseOracle.parseExample(List.of(twoLists), spec, false));

    byte[] badKey = example(entry(o -> {
      o.writeByteArray(1, new byte[] {(byte) 0xff});
      o.writeByteArray(2, feature);
    }));
    Map<String, FeatureSpec> other = Map.of("b", VarLenFeature.of(DType.INT64));
    assertThat(TfParseOracle.parseExample(List.of(badKey), other, false).sparse("b").size())
        .isZero();
    assertThat(compareKind(() -> ExampleParser.parseExample(List.of(badKey), other)))
        .isEqualTo(ExampleParseException.Kind.MALFORMED);

    Map<String, FeatureSpec> context = Map.of("c", FixedLenFeature.of(DType.INT64));
    assertThat(SequenceExampleParser.parseSequenceExample(List.of(), context, Map.of())
        .context().dense("c").shape()).isEqualTo(Shape.of(0));
    assertTfRejects(() -> TfParseOracle.parseSequenceExample(List.of(), context, Map.of(), false));
  }

  private interface Wire {
    void write(CodedOutputStream o) throws IOException;
  }

  private static byte[] bytes(Wire w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    w.write(o);
    o.flush();
    return b.toByteArray();
  }

  private static byte[] entry(Wire w) throws IOException {
    return bytes(w);
  }

  /** An Example whose Features hold the one map entry {@code entry}. */
  private static byte[] example(byte[] entry) throws IOException {
    byte[] features = bytes(o -> o.writeByteArray(1, entry));
    return bytes(o -> o.writeByteArray(1, features));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  private static void assertTfRejects(Runnable r) {
    try {
      r.run();
    } catch (TFInvalidArgumentException e) {
      return;
    }
    fail("TensorFlow accepted it");
  }

  private static ExampleParseException.Kind compareKind(Runnable r) {
    try {
      r.run();
    } catch (ExampleParseException e) {
      return e.kind();
    }
    return null;
  }

  static void assertSame(ParsedSequenceExamples got, ParsedSequenceExamples expected) {
    GoldenExampleTest.assertSameOutputs(got.context(), expected.context());
    GoldenExampleTest.assertSameOutputs(got.featureLists(), expected.featureLists());
    assertThat(got.lengths().keySet()).containsExactlyInAnyOrderElementsOf(
        expected.lengths().keySet());
    expected.lengths().forEach((k, t) ->
        assertThat(got.length(k).contentEquals(t)).as("lengths of %s", k).isTrue());
  }

  private interface Comparison<T> {
    void assertSame(T got, T expected);
  }

  /** Runs both parsers; both must fail, or both succeed with the same outputs. */
  private static <T> void compare(String what, Supplier<T> rill, Supplier<T> tf, int[] outcomes,
      Comparison<T> same) {
    T ours = null;
    ExampleParseException ourError = null;
    try {
      ours = rill.get();
    } catch (ExampleParseException e) {
      ourError = e;
    }
    T theirs = null;
    TFInvalidArgumentException theirError = null;
    try {
      theirs = tf.get();
    } catch (TFInvalidArgumentException e) {
      theirError = e;
    }
    if ((ourError == null) != (theirError == null)) {
      fail(what + ": Rill " + (ourError == null ? "parsed" : "failed: " + ourError.getMessage())
          + " but TensorFlow " + (theirError == null ? "parsed"
          : "failed: " + theirError.getMessage()));
    }
    if (ourError == null) {
      outcomes[0]++;
      try {
        same.assertSame(ours, theirs);
      } catch (AssertionError e) {
        throw new AssertionError(what + ": " + e.getMessage(), e);
      }
    } else {
      outcomes[1]++;
    }
  }
}
