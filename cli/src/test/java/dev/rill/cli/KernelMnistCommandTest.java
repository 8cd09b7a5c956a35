package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelMnistCommandTest {
  private static final Pattern RESULT = Pattern.compile("\\{\"model\":\"(linear|kernel)\","
      + "\"accuracy\":([0-9.]+),\"loss\":[0-9.]+,\"global_step\":(\\d+),"
      + "\"train_seconds\":[0-9.]+}");

  @TempDir
  Path dir;

  /** The last stdout line of a small run that must succeed. */
  private String lastLine(String model, String... extra) {
    String[] base = {"kernel-mnist", "--model-dir", dir.resolve(model).toString(),
        "--train-steps", "40", "--batch-size", "32", "--synthetic-train", "400",
        "--synthetic-validation", "200"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliOutput o = CliOutput.run(args);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.lines()).isNotEmpty();
    return o.lines().getLast();
  }

  private static double accuracy(String line, String model) {
    Matcher m = RESULT.matcher(line);
    assertThat(m.matches()).as(line).isTrue();
    assertThat(m.group(1)).isEqualTo(model);
    assertThat(m.group(3)).isEqualTo("40");
    return Double.parseDouble(m.group(2));
  }

  @Test
  void theLinearModelLearnsTheEmbeddedDigits() {
    assertThat(accuracy(lastLine("linear"), "linear")).isGreaterThan(0.5);
  }

  @Test
  void theKernelModelLearnsTheEmbeddedDigits() {
    String line = lastLine("kernel", "--kernel", "--output-dim", "500");
    assertThat(accuracy(line, "kernel")).isGreaterThan(0.5);
  }

  @Test
  void aFixedSeedGivesTheSameAccuracy() {
    String a = lastLine("a", "--kernel", "--output-dim", "200", "--seed", "5");
    String b = lastLine("b", "--kernel", "--output-dim", "200", "--seed", "5");
    assertThat(accuracy(a, "kernel")).isEqualTo(accuracy(b, "kernel"));
  }
}
