package dev.rill.io.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TensorFlow's TFRecordDataset reads what Rill writes; Rill reads what TensorFlow writes. */
class TensorFlowTfRecordInteropTest {
  @TempDir
  Path tmp;

  /** Empty, tiny, one crossing the 64 KiB buffers, and random-length payloads of random bytes. */
  static List<byte[]> variety() {
    SplittableRandom rnd = new SplittableRandom(42);
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[0]);
    out.add(new byte[] {0});
    out.add(new byte[200_000]);
    rnd.nextBytes(out.get(2));
    for (int i = 0; i < 40; i++) {
      byte[] p = new byte[rnd.nextInt(1 + rnd.nextInt(3000))];
      rnd.nextBytes(p);
      out.add(p);
    }
    out.add(new byte[0]);
    return out;
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void tensorFlowReadsEveryPayloadRillWrote(Compression c) throws IOException {
    List<byte[]> payloads = variety();
    Path file = tmp.resolve("rill.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.open(file, c)) {
      for (byte[] p : payloads) {
        w.write(p);
      }
    }
    assertThat(TfRecordOracle.read(file, c)).containsExactlyElementsOf(payloads);
    Path atomic = tmp.resolve("atomic.tfrecord");
    TfRecordWriter.writeAtomically(atomic, c, payloads.subList(0, 5));
    assertThat(TfRecordOracle.read(atomic, c)).containsExactlyElementsOf(payloads.subList(0, 5));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void rillReadsEveryPayloadTensorFlowWrote(Compression c) throws IOException {
    List<byte[]> payloads = variety();
    Path file = tmp.resolve("tf.tfrecord");
    TfRecordOracle.write(file, c, payloads);
    assertThat(TfRecordReader.readAll(file, c)).containsExactlyElementsOf(payloads);
    if (c == Compression.NONE) {
      assertThat(Files.readAllBytes(file)).isEqualTo(TfRecordFormat.frame(payloads));
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void tensorFlowReadsTheGoldenFilesAsRillDoes(Compression c) throws IOException {
    String name = switch (c) {
      case NONE -> GoldenTfRecord.PLAIN;
      case GZIP -> GoldenTfRecord.GZIP;
      case ZLIB -> GoldenTfRecord.ZLIB;
    };
    Path file = GoldenTfRecord.path(name);
    assertThat(TfRecordOracle.read(file, c)).containsExactlyElementsOf(
        TfRecordReader.readAll(file, c));
  }
}
