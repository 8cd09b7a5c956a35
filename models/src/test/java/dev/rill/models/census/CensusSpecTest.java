package dev.rill.models.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.train.feature.FeatureColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CensusSpecTest {
  @TempDir
  Path dir;

  private static List<String> names(List<FeatureColumn> columns) {
    return columns.stream().map(FeatureColumn::name).toList();
  }

  @Test
  void theBuiltInAdultSpecIsTheTutorials() {
    CensusSpec s = CensusSpec.adult();
    assertThat(s.columnNames()).containsExactly("age", "workclass", "fnlwgt", "education",
        "education_num", "marital_status", "occupation", "relationship", "race", "gender",
        "capital_gain", "capital_loss", "hours_per_week", "native_country", "income_bracket");
    // the tutorial's record defaults: [0] for the numbers, [''] for the strings
    assertThat(s.columns().stream().map(CensusSpec.Column::type).toList()).containsExactly(
        DType.INT32, DType.STRING, DType.INT32, DType.STRING, DType.INT32, DType.STRING,
        DType.STRING, DType.STRING, DType.STRING, DType.STRING, DType.INT32, DType.INT32,
        DType.INT32, DType.STRING, DType.STRING);
    assertThat(s.recordDefaults().get(0).intValue()).isZero();
    assertThat(s.columns().get(1).defaultValue()).isEmpty();
    assertThat(s.label()).isEqualTo("income_bracket");
    assertThat(s.positive()).isEqualTo(">50K");
    assertThat(s.vocabularies().get("education")).hasSize(16).startsWith("Bachelors", "HS-grad")
        .endsWith("Preschool", "12th");
    assertThat(s.vocabularies().get("marital_status")).hasSize(7);
    assertThat(s.vocabularies().get("relationship")).hasSize(6);
    assertThat(s.vocabularies().get("workclass")).hasSize(9).contains("?");
    assertThat(s.hashBuckets()).containsEntry("occupation", 1000);
    assertThat(s.bucketized().getFirst().boundaries())
        .containsExactly(18, 25, 30, 35, 40, 45, 50, 55, 60, 65);

    CensusColumns c = CensusColumns.of(s);
    assertThat(names(c.wide())).containsExactly("education", "marital_status", "relationship",
        "workclass", "occupation", "age_bucketized", "education_X_occupation",
        "age_bucketized_X_education_X_occupation");
    assertThat(names(c.deep())).containsExactly("age", "education_num", "capital_gain",
        "capital_loss", "hours_per_week", "workclass_indicator", "education_indicator",
        "marital_status_indicator", "relationship_indicator", "occupation_embedding");
  }

  @Test
  void theCps1988SpecParses() {
    CensusSpec s = CensusSpec.cps1988();
    assertThat(s.columnNames()).containsExactly("age", "education_num", "experience", "race",
        "smsa", "region", "parttime", "income_bracket");
    CensusColumns c = CensusColumns.of(s);
    assertThat(c.wide()).hasSize(10);
    assertThat(names(c.deep())).containsExactly("age", "education_num", "experience",
        "race_indicator", "smsa_indicator", "region_indicator", "parttime_indicator");
  }

  @Test
  void readsAFileWithCommentsAndOptionalDefaults() throws Exception {
    Path f = dir.resolve("spec.txt");
    Files.writeString(f, """
        # a comment line
        column x float32 1.5   # trailing comment
        column c string none
        column n int64
        column y int32
        label y 1
        numeric x n
        hash c 10
        bucketized xb x 0 1 2
        crossed 50 xb c
        embedding xb 3
        """);
    CensusSpec s = CensusSpec.read(f);
    assertThat(s.recordDefaults().get(0).floatValue()).isEqualTo(1.5f);
    assertThat(s.columns().get(1).defaultValue()).isEqualTo("none");
    assertThat(s.recordDefaults().get(2).dtype()).isEqualTo(DType.INT64);
    assertThat(s.crossed().getFirst().keys()).containsExactly("xb", "c");
    assertThat(names(CensusColumns.of(s).deep())).containsExactly("x", "n",
        "x_bucketized_embedding");
  }

  private static void assertError(String text, int line, String message) {
    assertThatThrownBy(() -> CensusSpec.parse(text.lines().toList(), "my.columns"))
        .isInstanceOf(SpecFormatException.class)
        .hasMessageContaining(line > 0 ? "my.columns:" + line + ": " : "my.columns: ")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((SpecFormatException) e).line()).isEqualTo(line));
  }

  @Test
  void errorsNameTheLine() {
    String head = "column a int32\ncolumn b string\ncolumn y string\nlabel y yes\n";
    assertError(head + "numerik a\n", 5, "unknown directive 'numerik'");
    assertError("column a int33\n", 1, "unknown type 'int33'");
    assertError("column a int32 x\n", 1, "default 'x' of column 'a' is not a valid int32");
    assertError(head + "column a float32\n", 5, "column 'a' is already defined on line 1");
    assertError(head + "hash b ten\n", 5, "BUCKETS must be a positive integer, got 'ten'");
    assertError(head + "hash b\n", 5, "'hash' takes 2 arguments, got 1");
    assertError(head + "\n\nnumeric a zz\n", 7, "'zz' is not a column");
    assertError(head + "numeric b\n", 5, "needs a numeric column, but 'b' is a string column");
    assertError(head + "vocabulary a x\n", 5, "needs a string column, but 'a' is int32");
    assertError(head + "crossed 10 a b\n", 5, "cross key 'a' is a int32 column");
    assertError(head + "indicator b\n", 5, "'b' is not a vocabulary, hash or bucketized column");
    assertError(head + "bucketized ab a 3 2\n", 5, "strictly increasing");
    assertError(head + "numeric a\nnumeric y\n", 6, "uses the label 'y' as a feature");
    assertError(head + "vocabulary b p q\nvocabulary b q\n", 6, "'q' is already in the "
        + "vocabulary of 'b'");
    assertError(head + "label b no\n", 5, "a second label (the first is on line 4)");
    assertError("column a int32\nlabel z 1\nnumeric a\n", 2, "label 'z' is not a column");
    assertError("column a int32\nnumeric a\n", 0, "no 'label' line");
    assertError("column a int32\nlabel a 1\n", 0, "no feature columns");
    assertError("column a int32\ncolumn y string\nlabel y yes\nbucketized a a 1\n", 4,
        "bucketized 'a' has a column's name");
  }
}
