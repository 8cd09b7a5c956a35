package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CensusCommandTest {
  /** The keys of the final JSON line, in order. */
  private static final String JSON = "\\{\"accuracy\":[0-9.]+,\"accuracy_baseline\":[0-9.]+,"
      + "\"auc\":[0-9.]+,\"auc_precision_recall\":[0-9.]+,\"average_loss\":[0-9.]+,"
      + "\"label/mean\":[0-9.]+,\"loss\":[0-9.]+,\"precision\":[0-9.]+,"
      + "\"prediction/mean\":[0-9.]+,\"recall\":[0-9.]+,\"global_step\":%d}";

  @TempDir
  Path dir;

  /** Adult-format rows whose label follows education_num and hours, so there is a signal. */
  private static List<String> adultRows(int n, long seed) {
    String[] work = {"Private", "Self-emp-not-inc", "Local-gov", "?"};
    String[] edu = {"HS-grad", "Bachelors", "Masters", "11th", "Some-college"};
    int[] eduNum = {9, 13, 14, 7, 10};
    String[] marital = {"Married-civ-spouse", "Never-married", "Divorced"};
    String[] occ = {"Prof-specialty", "Craft-repair", "Sales", "?"};
    String[] rel = {"Husband", "Not-in-family", "Own-child", "Wife"};
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int e = r.nextInt(edu.length);
      int age = 18 + r.nextInt(50);
      int hours = 20 + r.nextInt(40);
      boolean rich = eduNum[e] + hours / 10 + r.nextGaussian() > 16;
      out.add(String.join(",", String.valueOf(age), work[r.nextInt(work.length)],
          String.valueOf(100_000 + r.nextInt(200_000)), edu[e], String.valueOf(eduNum[e]),
          marital[r.nextInt(marital.length)], occ[r.nextInt(occ.length)],
          rel[r.nextInt(rel.length)], "White", r.nextBoolean() ? "Male" : "Female",
          r.nextInt(10) == 0 ? "5000" : "0", "0", String.valueOf(hours), "United-States",
          rich ? ">50K" : "<=50K"));
    }
    return out;
  }

  private static String last(String out) {
    return out.strip().lines().reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void eachModelTypeTrainsEvaluatesAndPrintsJson() throws Exception {
    Path train = dir.resolve("adult.data");
    Path test = dir.resolve("adult.test");
    Files.write(train, adultRows(120, 1));
    List<String> testRows = new ArrayList<>(List.of("|1x3 Cross validator"));
    adultRows(60, 2).forEach(l -> testRows.add(l.replace(",", ", ") + "."));
    Files.write(test, testRows);
    for (String type : List.of("wide", "deep", "wide_deep")) {
      CliOutput o = CliOutput.run("census", "--model-type", type, "--train-data",
          train.toString(), "--test-data", test.toString(), "--train-epochs", "2",
          "--epochs-per-eval", "1", "--batch-size", "40", "--model-dir",
          dir.resolve(type).toString());
      assertThat(o.code()).as(o.err()).isZero();
      List<String> lines = o.lines();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("Results at epoch 1 / 2: accuracy ")
          .endsWith("global_step 3");
      assertThat(lines.get(1)).startsWith("Results at epoch 2 / 2: ");
      assertThat(last(o.out())).as(type).matches(String.format(JSON, 6));
      assertThat(last(o.out())).contains("\"label/mean\":0.");
    }
  }

  @Test
  void readsAColumnSpecFile() throws Exception {
    Path spec = dir.resolve("cps.columns");
    Files.writeString(spec, """
        column age int32
        column education_num int32
        column region string
        column income_bracket string
        label income_bracket >50K
        numeric age education_num
        vocabulary region north south
        bucketized age_buckets age 30 50
        crossed 20 age_buckets region
        indicator region
        """);
    Random r = new Random(3);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      int edu = 8 + r.nextInt(10);
      rows.add((20 + r.nextInt(40)) + "," + edu + "," + (r.nextBoolean() ? "north" : "south")
          + "," + (edu > 13 ? ">50K" : "<=50K"));
    }
    Path data = dir.resolve("cps.data");
    Files.write(data, rows);
    CliOutput o = CliOutput.run("census", "--columns", spec.toString(), "--train-data",
        data.toString(), "--test-data", data.toString(), "--train-epochs", "1",
        "--epochs-per-eval", "1", "--batch-size", "20", "--hidden-units", "8,4",
        "--model-dir", dir.resolve("m").toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(last(o.out())).matches(String.format(JSON, 4));

    // the CPS-1988 spec ships built in
    CliOutput builtin = CliOutput.run("census", "--columns", "builtin:cps1988", "--train-data",
        data.toString(), "--test-data", data.toString(), "--model-dir",
        dir.resolve("b").toString());
    assertThat(builtin.code()).isEqualTo(1);
    // lines are decoded after shuffling, so the first bad one may be any
    assertThat(builtin.err()).containsPattern("rill census: \\S*cps.data: line [0-9]+, column 4: "
        + "expected 8 fields");
  }

  @Test
  void aBadSpecOrFlagIsReportedWithoutTraining() throws Exception {
    Path spec = dir.resolve("bad.columns");
    Files.writeString(spec, "column a int32\ncolumn y string\nlabel y yes\nnumeric y a\n");
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "1,yes\n");
    CliOutput o = CliOutput.run("census", "--columns", spec.toString(), "--train-data",
        data.toString(), "--test-data", data.toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err()).contains("rill census: " + spec + ":4: 'numeric' uses the label 'y'");
    assertThat(o.out()).isEmpty();

    CliOutput type = CliOutput.run("census", "--model-type", "tall", "--train-data",
        data.toString(), "--test-data", data.toString());
    assertThat(type.code()).isEqualTo(1);
    assertThat(type.err()).contains("unknown model type 'tall'");
  }
}
