package dev.rill.cli;

import static dev.rill.cli.CliOutput.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.io.example.Example;
import dev.rill.io.tfrecord.Compression;
import dev.rill.io.tfrecord.TfRecordWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rill tfrecord inspect}: counts, features, compression found by itself, damage named. */
class TfRecordCommandTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Compression.class)
  void printsTheCountAndTheFirstExamples(Compression compression) throws IOException {
    Path file = tmp.resolve("data.tfrecord");
    write(file, compression, 5);
    CliOutput r = run("tfrecord", "inspect", file.toString(), "-n", "2");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(file + ": 5 records")
        .contains("record 0 at byte 0").contains("record 1 at byte")
        .doesNotContain("record 2 at byte")
        .contains("class_index  int64[1] [0]")
        .contains("ink          float[10] [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5] ... (2 more)")
        .contains("word         bytes[2] [\"café\", 0xff00]");
  }

  @Test
  void aDamagedRecordIsNamedWithItsOffset() throws IOException {
    Path file = tmp.resolve("bad.tfrecord");
    write(file, Compression.NONE, 3);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x10;   // inside the last payload
    Files.write(file, bytes);
    CliOutput r = run("tfrecord", "inspect", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(file.toString()).contains("record 2").contains("at byte");
  }

  private static void write(Path file, Compression compression, int records) throws IOException {
    try (TfRecordWriter w = TfRecordWriter.open(file, compression)) {
      for (int i = 0; i < records; i++) {
        float[] ink = new float[10];
        for (int j = 0; j < ink.length; j++) {
          ink[j] = 0.5f * j;
        }
        w.write(Example.builder().int64("class_index", i).floats("ink", ink)
            .bytes("word", "café".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, 0})
            .build().toByteArray());
      }
    }
  }


}
