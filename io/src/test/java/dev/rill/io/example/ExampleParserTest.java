package dev.rill.io.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.ExampleParseException.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** parse_example semantics case by case (the random comparison with TensorFlow covers the mix). */
class ExampleParserTest {
  private static byte[] ex(Example.Builder b) {
    return b.build().toByteArray();
  }

  private static ExampleParseException error(Runnable r) {
    try {
      r.run();
    } catch (ExampleParseException e) {
      return e;
    }
    throw new AssertionError("no ExampleParseException");
  }

  @Test
  void fixedLenFeaturesStackIntoBatchPlusShape() {
    List<byte[]> batch = List.of(ex(Example.builder().floats("xy", 1, 2).int64("id", 7)),
        ex(Example.builder().floats("xy", 3, 4).int64("id", 8)));
    ParsedFeatures f = ExampleParser.parseExample(batch, Map.of(
        "xy", FixedLenFeature.of(DType.FLOAT32, 2, 1), "id", FixedLenFeature.of(DType.INT64)));
    assertThat(f.dense("xy").contentEquals(Tensor.of(Shape.of(2, 2, 1), 1f, 2f, 3f, 4f))).isTrue();
    assertThat(f.dense("id").contentEquals(Tensor.of(7L, 8L))).isTrue();
    assertThat(f.sparse()).isEmpty();
  }

  @Test
  void missingFeaturesTakeTheirDefaultOrNameFeatureAndRecord() {
    List<byte[]> batch = List.of(ex(Example.builder().strings("w", "x")),
        ex(Example.builder()));
    ParsedFeatures f = ExampleParser.parseExample(batch,
        Map.of("w", FixedLenFeature.of(DType.STRING).withDefault("?")));
    assertThat(f.dense("w").toStringArray()).containsExactly("x", "?");

    ExampleParseException e = error(() -> ExampleParser.of(
        Map.of("w", FixedLenFeature.of(DType.STRING))).parse(batch, List.of("r0", "r1")));
    assertThat(e.kind()).isEqualTo(Kind.MISSING);
    assertThat(e.feature()).isEqualTo("w");
    assertThat(e.record()).isEqualTo(1);
    assertThat(e.recordName()).isEqualTo("r1");
    assertThat(e.getMessage()).contains("record 1 (r1)", "'w'", "MISSING");
  }

  @Test
  void aFeatureWithNoListIsMissingForFixedLenAndEmptyForVarLen() {
    byte[] rec = ex(Example.builder().feature("f", Feature.unset()).feature("v", Feature.unset()));
    ParsedFeatures f = ExampleParser.parseSingleExample(rec, Map.of(
        "f", FixedLenFeature.of(DType.INT64).withDefault(5L), "v", VarLenFeature.of(DType.INT64)));
    assertThat(f.dense("f").longValue()).isEqualTo(5);
    assertThat(f.sparse("v").size()).isZero();
    assertThat(f.sparse("v").denseShape().longData()).containsExactly(0);
    assertThat(error(() -> ExampleParser.parseSingleExample(rec,
        Map.of("f", FixedLenFeature.of(DType.INT64)))).kind()).isEqualTo(Kind.MISSING);
  }

  @Test
  void wrongKindsAndLengthsAreTypedErrors() {
    byte[] rec = ex(Example.builder().floats("f", 1f, 2f));
    ExampleParseException type = error(() -> ExampleParser.parseSingleExample(rec,
        Map.of("f", VarLenFeature.of(DType.INT64))));
    assertThat(type.kind()).isEqualTo(Kind.WRONG_TYPE);
    assertThat(type.record()).isEqualTo(-1);
    assertThat(type.getMessage()).contains("int64_list", "float_list", "'f'");
    ExampleParseException length = error(() -> ExampleParser.parseSingleExample(rec,
        Map.of("f", FixedLenFeature.of(DType.FLOAT32, 3))));
    assertThat(length.kind()).isEqualTo(Kind.WRONG_LENGTH);
    assertThat(length.getMessage()).contains("3", "found 2");
    // An empty list of a fixed feature is a wrong length, not a missing feature.
    assertThat(error(() -> ExampleParser.parseSingleExample(ex(Example.builder().floats("f")),
        Map.of("f", FixedLenFeature.of(DType.FLOAT32).withDefault(0f)))).kind())
        .isEqualTo(Kind.WRONG_LENGTH);
  }

  @Test
  void varLenFeaturesBecomeSparseWithRecordAndPosition() {
    List<byte[]> batch = List.of(ex(Example.builder().strings("t", "a", "b")),
        ex(Example.builder()), ex(Example.builder().strings("t", "c")));
    SparseTensor t = ExampleParser.parseExample(batch, Map.of("t", VarLenFeature.of(DType.STRING)))
        .sparse("t");
    assertThat(t.indices().shape()).isEqualTo(Shape.of(3, 2));
    assertThat(t.indices().longData()).containsExactly(0, 0, 0, 1, 2, 0);
    assertThat(t.values().toStringArray()).containsExactly("a", "b", "c");
    assertThat(t.denseShape().longData()).containsExactly(3, 2);
    assertThat(t.toDense().toStringArray()).containsExactly("a", "b", "", "", "c", "");
    assertThat(t.toDense(Tensor.scalar("-")).toStringArray())
        .containsExactly("a", "b", "-", "-", "c", "-");
  }

  @Test
  void fixedLenSequenceFeaturesPadRowsToTheLongestRecord() {
    List<byte[]> batch = List.of(ex(Example.builder().int64("r", 1, 2, 3, 4)),
        ex(Example.builder()), ex(Example.builder().int64("r", 5, 6)));
    FixedLenSequenceFeature rows = FixedLenSequenceFeature.of(DType.INT64, 2).allowingMissing();
    Tensor t = ExampleParser.parseExample(batch, Map.of("r", rows)).dense("r");
    assertThat(t.shape()).isEqualTo(Shape.of(3, 2, 2));
    assertThat(t.longData()).containsExactly(1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 0, 0);
    Tensor padded = ExampleParser.parseExample(batch,
        Map.of("r", rows.withPadding(Tensor.scalar(-1L)))).dense("r");
    assertThat(padded.longData()).containsExactly(1, 2, 3, 4, -1, -1, -1, -1, 5, 6, -1, -1);
    assertThat(error(() -> ExampleParser.parseExample(List.of(ex(Example.builder()
        .int64("r", 1, 2, 3))), Map.of("r", rows))).kind()).isEqualTo(Kind.WRONG_LENGTH);
    assertThatThrownBy(() -> ExampleParser.of(Map.of("r", FixedLenSequenceFeature.of(
        DType.INT64)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyBatchGivesEmptyOutputs() {
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    spec.put("d", FixedLenFeature.of(DType.FLOAT32, 3));
    spec.put("s", VarLenFeature.of(DType.INT64));
    ParsedFeatures f = ExampleParser.parseExample(List.of(), spec);
    assertThat(f.dense("d").shape()).isEqualTo(Shape.of(0, 3));
    assertThat(f.sparse("s").indices().shape()).isEqualTo(Shape.of(0, 2));
    assertThat(f.sparse("s").denseShape().longData()).containsExactly(0, 0);
  }

  @Test
  void malformedRecordsNameTheirIndexAndUnrequestedFeaturesAreIgnored() {
    List<byte[]> batch = List.of(ex(Example.builder().floats("other", 1f)), new byte[] {0x0a});
    ExampleParseException e = error(() -> ExampleParser.parseExample(batch, Map.of()));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.record()).isEqualTo(1);
    assertThat(ExampleParser.parseExample(batch.subList(0, 1),
        Map.of("x", VarLenFeature.of(DType.STRING))).sparse("x").size()).isZero();
  }

  @Test
  void decodedExamplesParseLikeTheirBytes() {
    List<Example> examples = List.of(Example.builder().int64("a", 1).build(),
        Example.builder().int64("a", 2).build());
    ExampleParser p = ExampleParser.of(Map.of("a", FixedLenFeature.of(DType.INT64)));
    assertThat(p.parseExamples(examples).dense("a").longData()).containsExactly(1, 2);
    assertThat(p.parseSingle(examples.get(1)).dense("a").longValue()).isEqualTo(2);
  }

  @Test
  void specsRejectWhatTensorFlowRejects() {
    assertThatThrownBy(() -> FixedLenFeature.of(DType.INT32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedLenFeature.of(DType.FLOAT32, 2).withDefault(1f))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> FixedLenFeature.of(DType.FLOAT32).withDefault(1L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedLenFeature.of(DType.FLOAT32, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedLenSequenceFeature.of(DType.FLOAT32, 0))
        .isInstanceOf(IllegalArgumentException.class);
    // A default is reshaped to the feature's shape.
    assertThat(FixedLenFeature.of(DType.INT64, 2, 1).withDefault(1L, 2L).defaultValue().shape())
        .isEqualTo(Shape.of(2, 1));
  }
}
