package dev.rill.train.feature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.random.Rng;
import dev.rill.io.example.Example;
import dev.rill.io.example.ExampleParser;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Census-style columns applied to parsed {@code tf.Example}s, the path an input function takes. */
class ParsedExamplesTest {
  @Test
  void parsedExamplesFeedBothConsumers() {
    NumericColumn age = FeatureColumns.numeric("age", new int[] {1}, new float[] {-1}, null);
    BucketizedColumn ageBuckets = FeatureColumns.bucketized(age, 18, 25, 30, 35, 40, 45, 50, 55,
        60, 65);
    VocabularyColumn education = FeatureColumns.categoricalWithVocabularyList("education",
        List.of("Bachelors", "HS-grad", "Masters"));
    HashBucketColumn occupation = FeatureColumns.categoricalWithHashBucket("occupation", 100);
    CrossedColumn cross = FeatureColumns.crossed(List.of("education", "occupation"), 1000);
    List<FeatureColumn> wide = List.of(ageBuckets, education, occupation, cross);
    List<FeatureColumn> deep = List.of(age, FeatureColumns.indicator(education),
        FeatureColumns.embedding(occupation, 4));

    List<Example> examples = List.of(
        Example.builder().floats("age", 39).strings("education", "Bachelors")
            .strings("occupation", "Adm-clerical").build(),
        Example.builder().strings("education", "Masters", "PhD").build(),
        Example.builder().floats("age", 17).strings("occupation", "Sales").build());
    Features f = Features.of(ExampleParser.of(FeatureColumns.parseSpec(
        concat(wide, deep))).parseExamples(examples));

    VariableStore store = new VariableStore();
    try (Scope s = Scope.open(store, false, new Rng(3), null)) {
      Tensor logits = FeatureColumns.linearModel(f, wide, 1);
      assertThat(logits.shape()).isEqualTo(Shape.of(3, 1));
      Tensor x = FeatureColumns.inputLayer(f, deep);
      // age (1), education_indicator (3), occupation_embedding (4)
      assertThat(x.shape()).isEqualTo(Shape.of(3, 8));
      float[] v = x.floatData();
      assertThat(new float[] {v[0], v[8], v[16]}).containsExactly(39, -1, 17);
      assertThat(new float[] {v[1], v[2], v[3]}).containsExactly(1, 0, 0);
      assertThat(new float[] {v[9], v[10], v[11]}).containsExactly(0, 0, 1);   // PhD: no id
      assertThat(new float[] {v[12], v[13], v[14], v[15]}).containsOnly(0f);   // no occupation
    }
    // the cross has ids only where both features are present: example 0
    assertThat(cross.idWeightPair(new TransformCache(f, "x")).ids().indices().longData())
        .containsExactly(0, 0);
    assertThat(store.variables()).extracting(v -> v.name()).contains(
        "linear/linear_model/age_bucketized/weights",
        "linear/linear_model/education_X_occupation/weights",
        "input_layer/occupation_embedding/embedding_weights");
  }

  private static List<FeatureColumn> concat(List<FeatureColumn> a, List<FeatureColumn> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
