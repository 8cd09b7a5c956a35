package dev.rill.io.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.ExampleParseException.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** parse_sequence_example semantics case by case. */
class SequenceExampleParserTest {
  private static final byte[] FIRST = SequenceExample.builder()
      .context("label", Feature.int64s(1))
      .int64Steps("tokens", new long[] {4}, new long[] {5}, new long[] {6})
      .featureList("tags", Feature.strings("x"), Feature.strings(), Feature.strings("y", "z"))
      .build().toByteArray();
  private static final byte[] SECOND = SequenceExample.builder()
      .context("label", Feature.int64s(0))
      .int64Steps("tokens", new long[] {7})
      .build().toByteArray();

  private static final SequenceExampleParser PARSER = SequenceExampleParser.of(
      Map.of("label", FixedLenFeature.of(DType.INT64),
          "weight", FixedLenFeature.of(DType.FLOAT32).withDefault(1f)),
      Map.of("tokens", FixedLenSequenceFeature.of(DType.INT64),
          "tags", VarLenFeature.of(DType.STRING)));

  @Test
  void batchesPadStepsAndCountThem() {
    ParsedSequenceExamples p = PARSER.parse(List.of(FIRST, SECOND));
    assertThat(p.context().dense("label").longData()).containsExactly(1, 0);
    assertThat(p.context().dense("weight").floatData()).containsExactly(1f, 1f);
    Tensor tokens = p.featureLists().dense("tokens");
    assertThat(tokens.shape()).isEqualTo(Shape.of(2, 3));
    assertThat(tokens.longData()).containsExactly(4, 5, 6, 7, 0, 0);
    assertThat(p.length("tokens").longData()).containsExactly(3, 1);
    SparseTensor tags = p.featureLists().sparse("tags");
    assertThat(tags.indices().shape()).isEqualTo(Shape.of(3, 3));
    assertThat(tags.indices().longData()).containsExactly(0, 0, 0, 0, 2, 0, 0, 2, 1);
    assertThat(tags.values().toStringArray()).containsExactly("x", "y", "z");
    assertThat(tags.denseShape().longData()).containsExactly(2, 3, 2);
  }

  @Test
  void aSingleRecordHasNoBatchAxis() {
    ParsedSequenceExamples p = PARSER.parseSingle(FIRST);
    assertThat(p.context().dense("label").shape()).isEqualTo(Shape.scalar());
    assertThat(p.featureLists().dense("tokens").shape()).isEqualTo(Shape.of(3));
    assertThat(p.length("tokens").shape()).isEqualTo(Shape.scalar());
    assertThat(p.length("tokens").longValue()).isEqualTo(3);
    SparseTensor tags = p.featureLists().sparse("tags");
    assertThat(tags.indices().longData()).containsExactly(0, 0, 2, 0, 2, 1);
    assertThat(tags.denseShape().longData()).containsExactly(3, 2);
    assertThat(PARSER.parseSingle(SequenceExample.parseFrom(FIRST)).length("tokens").longValue())
        .isEqualTo(3);
  }

  @Test
  void aRequiredListThatIsAbsentIsMissingUnlessAllowed() {
    byte[] none = SequenceExample.builder().context("label", Feature.int64s(2)).build()
        .toByteArray();
    ExampleParseException e = assertError(() -> PARSER.parse(List.of(FIRST, none)));
    assertThat(e.kind()).isEqualTo(Kind.MISSING);
    assertThat(e.feature()).isEqualTo("tokens");
    assertThat(e.record()).isEqualTo(1);
    SequenceExampleParser lenient = SequenceExampleParser.of(Map.of(),
        Map.of("tokens", FixedLenSequenceFeature.of(DType.INT64).allowingMissing()));
    ParsedSequenceExamples p = lenient.parse(List.of(none, SECOND));
    assertThat(p.featureLists().dense("tokens").longData()).containsExactly(0, 7);
    assertThat(p.length("tokens").longData()).containsExactly(0, 1);
  }

  @Test
  void stepsOfTheWrongKindOrSizeNameTheStep() {
    byte[] badKind = SequenceExample.builder().context("label", Feature.int64s(1))
        .featureList("tokens", Feature.int64s(1), Feature.floats(2f)).build().toByteArray();
    ExampleParseException kind = assertError(() -> PARSER.parseSingle(badKind));
    assertThat(kind.kind()).isEqualTo(Kind.WRONG_TYPE);
    assertThat(kind.getMessage()).contains("step 1");
    byte[] badSize = SequenceExample.builder().context("label", Feature.int64s(1))
        .featureList("tokens", Feature.int64s(1, 2)).build().toByteArray();
    assertThat(assertError(() -> PARSER.parseSingle(badSize)).kind())
        .isEqualTo(Kind.WRONG_LENGTH);
    // A step with no list set has no values: wrong for a fixed row size.
    byte[] unset = SequenceExample.builder().context("label", Feature.int64s(1))
        .featureList("tokens", Feature.unset()).build().toByteArray();
    assertThat(assertError(() -> PARSER.parseSingle(unset)).kind())
        .isEqualTo(Kind.WRONG_LENGTH);
  }

  @Test
  void aContextFeatureWithNoListIsPresentButEmpty() {
    // Unlike parse_example, the default does not apply (as in TensorFlow).
    byte[] rec = SequenceExample.builder().context("label", Feature.int64s(1))
        .context("weight", Feature.unset()).int64Steps("tokens").build().toByteArray();
    assertThat(assertError(() -> PARSER.parseSingle(rec)).kind()).isEqualTo(Kind.WRONG_LENGTH);
  }

  @Test
  void specsRejectWhatTensorFlowRejects() {
    assertThatThrownBy(() -> SequenceExampleParser.of(Map.of("c",
        FixedLenSequenceFeature.of(DType.INT64).allowingMissing()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SequenceExampleParser.of(Map.of(),
        Map.of("l", FixedLenFeature.of(DType.INT64)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SequenceExampleParser.of(Map.of(), Map.of("l",
        FixedLenSequenceFeature.of(DType.INT64).withPadding(Tensor.scalar(1L)))))
        .hasMessageContaining("no default");
  }

  private static ExampleParseException assertError(Runnable r) {
    try {
      r.run();
    } catch (ExampleParseException e) {
      return e;
    }
    throw new AssertionError("no ExampleParseException");
  }
}
