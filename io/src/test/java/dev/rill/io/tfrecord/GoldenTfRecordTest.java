package dev.rill.io.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads and rewrites the TFRecord files TensorFlow 2.18's DatasetToTFRecord wrote. */
class GoldenTfRecordTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @CsvSource({"quickdraw_like.tfrecord, NONE", "quickdraw_like.tfrecord.gz, GZIP",
      "quickdraw_like.tfrecord.zlib, ZLIB"})
  void readsEveryPayloadByteForByteWithItsOffset(String file, Compression compression)
      throws IOException {
    List<byte[]> expected = GoldenTfRecord.payloads();
    long[] offsets = GoldenTfRecord.offsets();
    List<TfRecord> got = new ArrayList<>();
    try (TfRecordReader r = TfRecordReader.open(GoldenTfRecord.path(file), compression)) {
      for (TfRecord rec; (rec = r.read()) != null; ) {
        got.add(rec);
      }
      assertThat(r.position()).isEqualTo(GoldenTfRecord.bytes(GoldenTfRecord.PLAIN).length);
    }
    assertThat(got).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(got.get(i).payload()).as("record %d", i).isEqualTo(expected.get(i));
      assertThat(got.get(i).offset()).as("record %d", i).isEqualTo(offsets[i]);
      assertThat(got.get(i).index()).isEqualTo(i);
      assertThat(got.get(i).length())
          .isEqualTo(GoldenTfRecord.SIDECAR.get("records").get(i).get("payload_length").asInt());
    }
  }

  @Test
  void writingTheFivePayloadsGivesTensorFlowsFileByteForByte() throws IOException {
    byte[] golden = GoldenTfRecord.bytes(GoldenTfRecord.PLAIN);
    Path out = tmp.resolve("out.tfrecord");
    long[] offsets = GoldenTfRecord.offsets();
    try (TfRecordWriter w = TfRecordWriter.open(out)) {
      int i = 0;
      for (byte[] p : GoldenTfRecord.payloads()) {
        assertThat(w.write(p)).isEqualTo(offsets[i++]);
      }
      assertThat(w.recordsWritten()).isEqualTo(5);
      assertThat(w.bytesWritten()).isEqualTo(golden.length);
    }
    assertThat(Files.readAllBytes(out)).isEqualTo(golden);
    assertThat(TfRecordFormat.frame(GoldenTfRecord.payloads())).isEqualTo(golden);
  }

  @Test
  void compressedWritesDecompressToTensorFlowsPlainFile() throws IOException {
    byte[] golden = GoldenTfRecord.bytes(GoldenTfRecord.PLAIN);
    Path gz = tmp.resolve("out.tfrecord.gz");
    Path zlib = tmp.resolve("out.tfrecord.zlib");
    TfRecordWriter.writeAtomically(gz, Compression.GZIP, GoldenTfRecord.payloads());
    TfRecordWriter.writeAtomically(zlib, Compression.ZLIB, GoldenTfRecord.payloads());
    assertThat(inflate(new GZIPInputStream(Files.newInputStream(gz)))).isEqualTo(golden);
    assertThat(inflate(new InflaterInputStream(Files.newInputStream(zlib)))).isEqualTo(golden);
    // TensorFlow's own compressed files hold the same plain stream.
    assertThat(inflate(new GZIPInputStream(Files.newInputStream(
        GoldenTfRecord.path(GoldenTfRecord.GZIP))))).isEqualTo(golden);
    assertThat(inflate(new InflaterInputStream(Files.newInputStream(
        GoldenTfRecord.path(GoldenTfRecord.ZLIB))))).isEqualTo(golden);
  }

  private static byte[] inflate(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
