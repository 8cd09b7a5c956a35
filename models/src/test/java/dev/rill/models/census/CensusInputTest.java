package dev.rill.models.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.DatasetIterator;
import dev.rill.data.dataset.Pair;
import dev.rill.train.Batch;
import dev.rill.train.RunConfig;
import dev.rill.train.canned.CannedEstimator;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CensusInputTest {
  @TempDir
  Path dir;

  private static Path sample() throws URISyntaxException {
    return Path.of(CensusInputTest.class.getResource("/census/adult.sample.test").toURI());
  }

  private static String str(Tensor t) {
    return new String(t.stringData()[0], StandardCharsets.UTF_8);
  }

  @Test
  void parsesTenRealAdultRowsWithTheBuiltInSpec() throws Exception {
    CensusInput input = new CensusInput(CensusSpec.adult());
    List<Pair<Map<String, Tensor>, Tensor>> rows = input.examples(sample());
    assertThat(rows).hasSize(10);
    assertThat(rows.stream().map(r -> r.second().floatValue()).toList())
        .containsExactly(0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f, 0f);
    Map<String, Tensor> first = rows.getFirst().first();
    assertThat(first).hasSize(14).doesNotContainKey("income_bracket");
    assertThat(first.get("age").dtype()).isEqualTo(DType.INT32);
    assertThat(first.get("age").intValue()).isEqualTo(25);
    assertThat(str(first.get("workclass"))).isEqualTo("Private");
    assertThat(str(first.get("education"))).isEqualTo("11th");
    assertThat(first.get("hours_per_week").intValue()).isEqualTo(40);
    assertThat(str(first.get("native_country"))).isEqualTo("United-States");
    assertThat(rows.get(3).first().get("capital_gain").intValue()).isEqualTo(7688);
    assertThat(str(rows.get(4).first().get("occupation"))).isEqualTo("?");
    assertThat(CensusInput.count(sample())).isEqualTo(10);
  }

  @Test
  void cleansTheRawTestFileAsTheTutorial() throws Exception {
    // UCI's adult.test: a comment first, ", " between fields, labels ending in '.'
    List<String> raw = new ArrayList<>(List.of("|1x3 Cross validator"));
    for (String l : Files.readAllLines(sample())) {
      raw.add(l.replace(",", ", ") + ".");
    }
    raw.add("");
    Path f = dir.resolve("adult.test");
    Files.write(f, raw);
    CensusInput input = new CensusInput(CensusSpec.adult());
    var clean = input.examples(sample());
    var dirty = input.examples(f);
    assertThat(dirty).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(dirty.get(i).second().floatValue()).isEqualTo(clean.get(i).second().floatValue());
      assertThat(str(dirty.get(i).first().get("relationship")))
          .isEqualTo(str(clean.get(i).first().get("relationship")));
    }
    assertThat(CensusInput.clean("a, b.")).isEqualTo("a,b");
    assertThat(CensusInput.clean("  ")).isNull();
  }

  @Test
  void emptyFieldsTakeTheDefaultsAndBadOnesNameTheLine() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, ",,,,,,,,,,,,,,>50K\n25,Private,x,11th\n");
    CensusInput input = new CensusInput(CensusSpec.adult());
    var it = input.eval(f, 1).open();
    Batch b = it.next();
    assertThat(b.features().get("age").intData()).containsExactly(0);
    assertThat(b.labels().floatData()).containsExactly(1f);
    assertThatThrownBy(it::next).isInstanceOf(DatasetException.class)
        .hasMessageContaining("bad.csv").hasMessageContaining("2");
  }

  @Test
  void trainingPassesAreShuffledBatchedAndRepeated() throws Exception {
    CensusInput input = new CensusInput(CensusSpec.adult());
    var train = input.train(sample(), 2, 4, 100, 7);
    List<Float> labels = new ArrayList<>();
    int batches = 0;
    Iterator<Batch> it = train.open();
    while (it.hasNext()) {
      Batch b = it.next();
      batches++;
      assertThat(b.features().get("age").shape().dim(0)).isEqualTo(b.labels().size());
      for (float v : b.labels().floatData()) {
        labels.add(v);
      }
    }
    assertThat(batches).isEqualTo(5); // 20 examples in batches of 4
    assertThat(labels.stream().filter(v -> v == 1f).count()).isEqualTo(6);
    // the same seed gives the same order; each pass a new one
    List<Float> again = new ArrayList<>();
    try (DatasetIterator<Pair<Map<String, Tensor>, Tensor>> d = input.train(sample(), 2, 4, 100,
        7).dataset().iterator()) {
      d.forEachRemaining(p -> {
        for (float v : p.second().floatData()) {
          again.add(v);
        }
      });
    }
    assertThat(again).isEqualTo(labels);
  }

  @Test
  void eachModelTypeTrainsOnTheSampleRows() throws Exception {
    CensusColumns columns = CensusColumns.of(CensusSpec.adult());
    CensusInput input = new CensusInput(CensusSpec.adult());
    for (CensusModel type : CensusModel.values()) {
      CannedEstimator m = type.build(columns, List.of(8, 4),
          RunConfig.of(dir.resolve(type.flag()), 1));
      assertThat(m.train(input.train(sample(), 1, 5, 10, 1), -1)).isEqualTo(2);
      Map<String, Double> r = m.evaluate(input.eval(sample(), 5));
      assertThat(r).containsKeys("accuracy", "auc", "average_loss", "label/mean");
      assertThat(r.get("label/mean")).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(CensusModel.of("wide_deep")).isEqualTo(CensusModel.WIDE_DEEP);
    assertThatThrownBy(() -> CensusModel.of("wider")).hasMessageContaining("wide_deep");
  }
}
