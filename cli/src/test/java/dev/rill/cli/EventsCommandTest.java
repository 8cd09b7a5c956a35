package dev.rill.cli;

import static dev.rill.cli.CliOutput.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Tensor;
import dev.rill.io.events.EventFileReader;
import dev.rill.io.events.SummaryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rill events}: scalars of event files written by SummaryWriter, and damaged files. */
class EventsCommandTest {
  @TempDir
  Path tmp;

  /** An event file of loss and accuracy at steps 1..3, with a histogram in between. */
  private Path write(Path dir, float lossScale) throws IOException {
    try (SummaryWriter w = SummaryWriter.create(dir)) {
      for (int step = 1; step <= 3; step++) {
        w.scalar("loss", lossScale / step, step);
        w.scalar("accuracy", 0.25 * step, step);
        w.histogram("weights", Tensor.of(1f, 2f, 3f), step);
      }
      return w.file();
    }
  }

  @Test
  void printsEveryScalarAsStepTagValue() throws IOException {
    Path file = write(tmp, 1f);
    CliOutput o = run("events", file.toString());
    assertThat(o.code()).isZero();
    assertThat(o.err()).isEmpty();
    assertThat(o.lines()).containsExactly(
        "1  loss  1.0", "1  accuracy  0.25",
        "2  loss  0.5", "2  accuracy  0.5",
        "3  loss  0.33333334", "3  accuracy  0.75");
  }

  @Test
  void tagFiltersAndRepeats() throws IOException {
    Path file = write(tmp, 1f);
    assertThat(run("events", file.toString(), "--tag", "accuracy").lines())
        .containsExactly("1  accuracy  0.25", "2  accuracy  0.5", "3  accuracy  0.75");
    assertThat(run("events", file.toString(), "--tag", "loss", "--tag", "accuracy").lines())
        .hasSize(6);
    assertThat(run("events", file.toString(), "--tag", "nope").lines()).isEmpty();
  }

  @Test
  void aDirectoryPrintsItsEventFilesInNameOrder() throws IOException {
    Path run = tmp.resolve("run");
    List<Path> files = new ArrayList<>(List.of(write(run, 1f), write(run, 2f)));
    Files.writeString(run.resolve("notes.txt"), "not an event file");
    Files.createDirectories(run.resolve("eval"));
    write(run.resolve("eval"), 4f);   // another run: not included
    files.sort(null);
    List<String> expected = new ArrayList<>();
    for (Path f : files) {
      expected.addAll(run("events", f.toString(), "--tag", "loss").lines());
    }
    CliOutput o = run("events", run.toString(), "--tag", "loss");
    assertThat(o.code()).isZero();
    assertThat(o.lines()).hasSize(6).isEqualTo(expected);
  }

  @Test
  void aCorruptRecordIsOneLineNamingTheFileAndOffset() throws IOException {
    Path file = write(tmp, 1f);
    long[] offsets = new long[3];
    try (EventFileReader r = EventFileReader.open(file)) {
      for (int i = 0; i < 3; i++) {
        r.next();
        offsets[i] = r.offset();
      }
    }
    // damage the payload of the third record (step 1's accuracy); the first two still print
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offsets[2] + 12 + 3] ^= 0x40;
    Path bad = tmp.resolve("events.out.tfevents.bad");
    Files.write(bad, bytes);
    CliOutput o = run("events", bad.toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.lines()).containsExactly("1  loss  1.0");
    assertThat(o.err().strip()).doesNotContain("\n")
        .startsWith("rill events: " + bad + ": record at byte " + offsets[2] + ": ")
        .contains("CRC");
  }

  @Test
  void aTruncatedFileIsReportedToo() throws IOException {
    Path file = write(tmp, 1f);
    byte[] bytes = Files.readAllBytes(file);
    Path cut = tmp.resolve("events.out.tfevents.cut");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
    CliOutput o = run("events", cut.toString(), "--tag", "loss");
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.lines()).containsExactly("1  loss  1.0", "2  loss  0.5", "3  loss  0.33333334");
    assertThat(o.err()).contains(cut.toString()).contains("record at byte").contains("ends inside");
  }

  @Test
  void aMissingPathOrAnEmptyDirectoryIsAnError() throws IOException {
    CliOutput missing = run("events", tmp.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("nope: no such file or directory");
    CliOutput empty = run("events", tmp.toString());
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err()).contains("no event files in " + tmp);
    assertThat(run("events").code()).isEqualTo(2);
  }

  @Test
  void helpListsEvents() {
    assertThat(run("--help").out()).contains("events");
    assertThat(EventsCommand.format(0.1f)).isEqualTo("0.1");
    assertThat(EventsCommand.format(0.1)).isEqualTo("0.1");
    assertThat(EventsCommand.format(Double.NaN)).isEqualTo("NaN");
  }


}
