package dev.rill.io.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.io.tfrecord.CorruptRecordException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reader's and writer's behaviour around the edges: empty, damaged, oversized, atomic. */
class TfRecordReaderTest {
  @TempDir
  Path tmp;

  private static final List<byte[]> THREE = List.of(bytes("first"), new byte[0], bytes("third!"));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static TfRecordReader reader(byte[] file, CorruptRecordPolicy policy) {
    return TfRecordReader.of(new ByteArrayInputStream(file), "mem.tfrecord",
        TfRecordReader.Options.DEFAULT.withPolicy(policy));
  }

  private static List<byte[]> drain(TfRecordReader r) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (TfRecord rec; (rec = r.read()) != null; ) {
      out.add(rec.payload());
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsEmptyAndNonEmptyPayloads(Compression c) throws IOException {
    Path f = tmp.resolve("f");
    try (TfRecordWriter w = TfRecordWriter.open(f, c)) {
      for (byte[] p : THREE) {
        w.write(p);
      }
    }
    assertThat(TfRecordReader.readAll(f, c)).containsExactlyElementsOf(THREE);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void anEmptyFileHoldsNoRecords(Compression c) throws IOException {
    Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
    assertThat(TfRecordReader.readAll(empty, c)).isEmpty();
    Path written = tmp.resolve("written");
    TfRecordWriter.open(written, c).close();
    assertThat(TfRecordReader.readAll(written, c)).isEmpty();
  }

  @Test
  void iteratorAndStreamsGiveThePayloadsAndTheirOffsets() throws IOException {
    byte[] file = TfRecordFormat.frame(THREE);
    try (TfRecordReader r = reader(file, CorruptRecordPolicy.FAIL)) {
      List<Long> offsets = new ArrayList<>();
      List<byte[]> got = new ArrayList<>();
      for (byte[] p : r) {
        got.add(p);
        offsets.add(r.lastOffset());
      }
      assertThat(got).containsExactlyElementsOf(THREE);
      assertThat(offsets).containsExactly(0L, 21L, 37L);
      assertThatThrownBy(r::iterator).isInstanceOf(IllegalStateException.class);
    }
    try (TfRecordReader r = reader(file, CorruptRecordPolicy.FAIL)) {
      assertThat(r.records().map(TfRecord::offset).toList()).containsExactly(0L, 21L, 37L);
    }
    try (TfRecordReader r = reader(file, CorruptRecordPolicy.FAIL)) {
      assertThat(r.payloads().map(p -> p.length).toList()).containsExactly(5, 0, 6);
    }
  }

  @Test
  void aDamagedPayloadNamesTheFileOffsetAndExpectedCrc() throws IOException {
    Path f = tmp.resolve("data.tfrecord");
    byte[] file = TfRecordFormat.frame(THREE);
    file[21 + 12 + 0 + 1] ^= 0x10; // first byte of record 1's payload CRC (its payload is empty)
    Files.write(f, file);
    try (TfRecordReader r = TfRecordReader.open(f)) {
      assertThat(r.read().payload()).isEqualTo(THREE.get(0));
      assertThatThrownBy(r::read).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
        assertThat(e.problem()).isEqualTo(Problem.DATA_CRC);
        assertThat(e.offset()).isEqualTo(21);
        assertThat(e.recordIndex()).isEqualTo(1);
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.getMessage()).contains(f.toString(), "record 1 at byte 21", "payload CRC 0x");
      });
      // The length was verified, so the reader stepped past the record and can go on.
      TfRecord next = r.read();
      assertThat(next.payload()).isEqualTo(THREE.get(2));
      assertThat(next.index()).isEqualTo(2);
      assertThat(r.read()).isNull();
    }
  }

  @Test
  void skipCountsDamagedPayloadsAndKeepsTheRest() throws IOException {
    byte[] file = TfRecordFormat.frame(THREE);
    file[12 + 2] ^= 1; // inside record 0's payload
    try (TfRecordReader r = reader(file, CorruptRecordPolicy.SKIP)) {
      assertThat(drain(r)).containsExactly(THREE.get(1), THREE.get(2));
      assertThat(r.corruptRecords()).isEqualTo(1);
      assertThat(r.lastCorruption()).get().extracting(CorruptRecordException::problem)
          .isEqualTo(Problem.DATA_CRC);
    }
  }

  @Test
  void aDamagedLengthEndsTheStreamForGoodUnderEitherPolicy() throws IOException {
    byte[] file = TfRecordFormat.frame(THREE);
    file[21 + 3] ^= (byte) 0x80; // record 1's length bytes
    try (TfRecordReader r = reader(file, CorruptRecordPolicy.FAIL)) {
      r.read();
      CorruptRecordException first = null;
      try {
        r.read();
      } catch (CorruptRecordException e) {
        first = e;
      }
      assertThat(first).isNotNull();
      assertThat(first.problem()).isEqualTo(Problem.LENGTH_CRC);
      assertThat(first.offset()).isEqualTo(21);
      CorruptRecordException again = null;
      try {
        r.read();
      } catch (CorruptRecordException e) {
        again = e;
      }
      assertThat(again).isSameAs(first);
    }
    try (TfRecordReader r = reader(file, CorruptRecordPolicy.SKIP)) {
      assertThat(drain(r)).containsExactly(THREE.get(0));
      assertThat(r.corruptRecords()).isEqualTo(1);
      assertThat(r.lastCorruption().orElseThrow().problem()).isEqualTo(Problem.LENGTH_CRC);
      assertThat(r.read()).isNull();
    }
  }

  @Test
  void aTruncatedRecordIsReportedAtItsStart() throws IOException {
    byte[] file = TfRecordFormat.frame(THREE);
    for (int cut : new int[] {21 + 5, 21 + 12, 37 + 12 + 3, file.length - 1}) {
      byte[] part = Arrays.copyOf(file, cut);
      try (TfRecordReader r = reader(part, CorruptRecordPolicy.FAIL)) {
        assertThatThrownBy(() -> drain(r)).isInstanceOfSatisfying(CorruptRecordException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.TRUNCATED);
              assertThat(e.offset()).isEqualTo(cut < 37 ? 21 : 37);
            });
      }
      try (TfRecordReader r = reader(part, CorruptRecordPolicy.SKIP)) {
        assertThat(drain(r)).hasSize(cut < 37 ? 1 : 2);
        assertThat(r.corruptRecords()).isEqualTo(1);
      }
    }
  }

  @Test
  void iteratorsWrapTheTypedException() {
    byte[] file = TfRecordFormat.frame(THREE);
    file[40] ^= 4;
    TfRecordReader r = reader(file, CorruptRecordPolicy.FAIL);
    assertThatThrownBy(() -> r.payloads().toList()).isInstanceOf(UncheckedIOException.class)
        .cause().isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void aVerifiedLengthBeyondJavaArraysStopsTheReader() throws IOException {
    byte[] header = new byte[TfRecordFormat.HEADER_BYTES];
    TfRecordFormat.putHeader(header, 1L << 40);
    for (CorruptRecordPolicy p : CorruptRecordPolicy.values()) {
      try (TfRecordReader r = reader(header, p)) {
        if (p == CorruptRecordPolicy.FAIL) {
          assertThatThrownBy(r::read).isInstanceOfSatisfying(CorruptRecordException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE));
        } else {
          assertThat(r.read()).isNull();
          assertThat(r.corruptRecords()).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void aGzipFileReadAsPlainOrAPlainFileReadAsGzipFails() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(TfRecordFormat.frame(THREE));
    }
    try (TfRecordReader r = reader(gz.toByteArray(), CorruptRecordPolicy.FAIL)) {
      assertThatThrownBy(r::read).isInstanceOf(CorruptRecordException.class);
    }
    try (TfRecordReader r = TfRecordReader.of(new ByteArrayInputStream(TfRecordFormat.frame(THREE)),
        "plain", TfRecordReader.Options.DEFAULT.withCompression(Compression.GZIP))) {
      assertThatThrownBy(r::read).isInstanceOfSatisfying(CorruptRecordException.class, e -> {
        assertThat(e.problem()).isEqualTo(Problem.COMPRESSED_STREAM);
        assertThat(e.getMessage()).contains("uncompressed byte 0");
      });
    }
  }

  @Test
  void compressionNamesFollowTensorFlow() {
    assertThat(Compression.fromTfName("")).isEqualTo(Compression.NONE);
    assertThat(Compression.fromTfName(null)).isEqualTo(Compression.NONE);
    assertThat(Compression.fromTfName("GZIP")).isEqualTo(Compression.GZIP);
    assertThat(Compression.fromTfName("zlib")).isEqualTo(Compression.ZLIB);
    assertThatThrownBy(() -> Compression.fromTfName("SNAPPY"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedAtomicWriteLeavesTheOldFileAndNoTemporaries() throws IOException {
    Path target = tmp.resolve("atomic.tfrecord");
    TfRecordWriter.writeAtomically(target, Compression.NONE, THREE);
    byte[] before = Files.readAllBytes(target);
    assertThatThrownBy(() -> TfRecordWriter.writeAtomically(target, Compression.GZIP, w -> {
      w.write(bytes("half"));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readAllBytes(target)).isEqualTo(before);
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("atomic.tfrecord");
    }
    TfRecordWriter.writeAtomically(target, Compression.GZIP, List.of(bytes("new")));
    assertThat(TfRecordReader.readAll(target, Compression.GZIP)).containsExactly(bytes("new"));
  }

  @Test
  void flushedCompressedRecordsAreReadableBeforeClose() throws IOException {
    for (Compression c : List.of(Compression.GZIP, Compression.ZLIB)) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      TfRecordWriter w = TfRecordWriter.of(sink, c);
      w.write(bytes("one"));
      w.flush();
      TfRecordReader r = TfRecordReader.of(new ByteArrayInputStream(sink.toByteArray()), "live",
          TfRecordReader.Options.DEFAULT.withCompression(c).withPolicy(CorruptRecordPolicy.SKIP));
      assertThat(r.read().payload()).isEqualTo(bytes("one"));
      // The compressed stream is not finished yet: the reader reports that, once.
      assertThat(r.read()).isNull();
      assertThat(r.corruptRecords()).isEqualTo(1);
      w.close();
      assertThatThrownBy(() -> w.write(new byte[1])).isInstanceOf(IOException.class);
    }
  }
}
