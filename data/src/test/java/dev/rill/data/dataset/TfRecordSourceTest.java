package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.io.tfrecord.Compression;
import dev.rill.io.tfrecord.CorruptRecordException;
import dev.rill.io.tfrecord.TfRecordWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Dataset#tfRecords}: files in order, any compression, cheap positions, damage named. */
class TfRecordSourceTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Compression.class)
  void recordsOfEveryFileInOrderEveryPass(Compression compression) throws IOException {
    List<Path> files = List.of(write("a", compression, 0, 3), write("b", compression, 3, 0),
        write("c", compression, 3, 4));
    Dataset<byte[]> ds = Dataset.tfRecords(files, compression);
    for (int pass = 0; pass < 2; pass++) {
      assertThat(strings(ds.toList())).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
    }
  }

  @Test
  void aRestoredPositionContinuesTheShuffledEpoch() throws IOException {
    Dataset<String> ds = Dataset.tfRecords(List.of(write("a", Compression.GZIP, 0, 40)),
            Compression.GZIP)
        .shuffle(8, 7).map(b -> new String(b, StandardCharsets.UTF_8)).repeat(2);
    List<String> whole = new ArrayList<>();
    try (DatasetIterator<String> it = ds.iterator(0)) {
      it.forEachRemaining(whole::add);
    }
    assertThat(whole).hasSize(80);
    for (int at = 0; at <= whole.size(); at++) {
      DatasetPosition saved;
      try (DatasetIterator<String> it = ds.iterator(0)) {
        for (int i = 0; i < at; i++) {
          it.next();
        }
        saved = it.position();
      }
      List<String> rest = new ArrayList<>();
      try (DatasetIterator<String> it = ds.iterator(saved)) {
        it.forEachRemaining(rest::add);
      }
      assertThat(rest).as("restored after %d", at).isEqualTo(whole.subList(at, whole.size()));
    }
  }

  @Test
  void aDamagedRecordEndsThePassNamingFileAndOffset() throws IOException {
    Path file = write("bad", Compression.NONE, 0, 3);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 1;   // the last record's payload CRC
    Files.write(file, bytes);
    try (DatasetIterator<byte[]> it = Dataset.tfRecords(file).iterator()) {
      it.next();
      it.next();
      assertThatThrownBy(it::next).isInstanceOf(DatasetException.class)
          .hasCauseInstanceOf(CorruptRecordException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("byte");
    }
  }

  private Path write(String name, Compression compression, int first, int count)
      throws IOException {
    Path file = dir.resolve(name + ".tfrecord");
    try (TfRecordWriter w = TfRecordWriter.open(file, compression)) {
      for (int i = first; i < first + count; i++) {
        w.write(("r" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  private static List<String> strings(List<byte[]> payloads) {
    return payloads.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }
}
