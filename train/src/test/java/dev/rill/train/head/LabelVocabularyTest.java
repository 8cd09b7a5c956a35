package dev.rill.train.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelVocabularyTest {
  @Test
  void binaryStringLabelsMapToTheirIndex() {
    BinaryClassHead head = new BinaryClassHead().withLabelVocabulary(List.of("<=50K", ">50K"));
    Tensor logits = Tensor.of(new float[][] {{-1f}, {2f}, {0.5f}});
    Tensor strings = Tensor.ofStrings(Shape.of(3), "<=50K", ">50K", "<=50K");
    assertThat(head.loss(strings, logits).doubleValue())
        .isEqualTo(new BinaryClassHead().loss(Tensor.of(0, 1, 0), logits).doubleValue());
    assertThat(head.predictions(logits).get("classes").toStringArray())
        .containsExactly("<=50K", ">50K", ">50K");
    assertThat(head.updateMetrics(strings, logits, null, null).get("accuracy").doubleValue())
        .isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-6));
    assertThatThrownBy(() -> head.loss(Tensor.ofStrings(Shape.of(3), "a", ">50K", "<=50K"),
        logits)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("\"a\"");
    assertThatThrownBy(() -> new BinaryClassHead().loss(strings, logits))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vocabulary");
  }

  @Test
  void multiClassStringLabels() {
    MultiClassHead head = new MultiClassHead(3).withLabelVocabulary(List.of("a", "b", "c"));
    Tensor logits = Tensor.of(new float[][] {{3f, 1f, 0f}, {0f, 0f, 2f}});
    Tensor strings = Tensor.ofStrings(Shape.of(2, 1), "a", "b");
    assertThat(head.loss(strings, logits).doubleValue())
        .isEqualTo(new MultiClassHead(3).loss(Tensor.of(0, 1), logits).doubleValue());
    Map<String, Tensor> p = head.predictions(logits);
    assertThat(p.get("classes").toStringArray()).containsExactly("a", "c");
    assertThat(p.get("class_ids").longData()).containsExactly(0L, 2L);
    assertThat(head.updateMetrics(strings, logits, null, null).get("accuracy").doubleValue())
        .isEqualTo(0.5);
  }

  @Test
  void vocabularyMustMatchTheClasses() {
    assertThatThrownBy(() -> new BinaryClassHead().withLabelVocabulary(List.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultiClassHead(3).withLabelVocabulary(List.of("a", "a", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
