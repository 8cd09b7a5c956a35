package dev.rill.data.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTableTest {
  @TempDir
  Path dir;

  @Test
  void aFileGivesLineNumbersAsIds() throws Exception {
    Path f = dir.resolve("vocab.txt");
    Files.writeString(f, "the\r\ncat\n\nsat");
    VocabularyTable t = VocabularyTable.fromFileWithDefault(f, -1);
    assertThat(t.vocabularySize()).isEqualTo(4);
    assertThat(t.lookup("the")).isZero();
    assertThat(t.lookup("cat")).isEqualTo(1);
    assertThat(t.lookup("")).isEqualTo(2);
    assertThat(t.lookup("sat")).isEqualTo(3);
    assertThat(t.lookup("dog")).isEqualTo(-1);
    assertThat(t.token(1)).isEqualTo("cat");
    Files.writeString(f, "a\nb\n");
    assertThat(VocabularyTable.fromFile(f, 0).vocabularySize()).isEqualTo(2);
  }

  @Test
  void unknownKeysGoToFingerprintBucketsAfterTheVocabulary() {
    VocabularyTable t = VocabularyTable.fromList(List.of("a", "b", "c"), 5);
    assertThat(t.size()).isEqualTo(8);
    assertThat(t.lookup("b")).isEqualTo(1);
    for (String oov : List.of("hello", "日本語", "", "zzz")) {
      assertThat(t.lookup(oov)).isEqualTo(3 + Long.remainderUnsigned(Fingerprint64.of(oov), 5));
    }
    // TensorFlow's StringToHashBucketFast("hello", 10), from golden/hashing/hashing.json.
    assertThat(Fingerprint64.bucket("hello", 10)).isEqualTo(6);
  }

  @Test
  void aStringTensorBecomesAnInt64TensorOfTheSameShape() {
    VocabularyTable t = VocabularyTable.fromListWithDefault(List.of("x", "y"), 99);
    Tensor ids = t.lookup(Tensor.ofStrings(Shape.of(2, 2), "y", "q", "x", "y"));
    assertThat(ids.dtype()).isEqualTo(DType.INT64);
    assertThat(ids.shape()).isEqualTo(Shape.of(2, 2));
    assertThat(ids.longData()).containsExactly(1, 99, 0, 1);
    assertThatThrownBy(() -> t.lookup(Tensor.of(1f))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void duplicateKeysAreRefusedNamingBothLines() throws Exception {
    Path f = dir.resolve("dup.txt");
    Files.writeString(f, "a\nb\na\n");
    assertThatThrownBy(() -> VocabularyTable.fromFile(f, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("line 3")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> VocabularyTable.fromList(List.of("a"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
