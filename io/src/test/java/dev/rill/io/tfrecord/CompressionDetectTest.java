package dev.rill.io.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Compression#detect} on TensorFlow's three golden files and on edge cases. */
class CompressionDetectTest {
  @TempDir
  Path dir;

  @Test
  void tellsTensorFlowsThreeFilesApart() throws IOException {
    assertThat(Compression.detect(GoldenTfRecord.path("quickdraw_like.tfrecord")))
        .isEqualTo(Compression.NONE);
    assertThat(Compression.detect(GoldenTfRecord.path("quickdraw_like.tfrecord.gz")))
        .isEqualTo(Compression.GZIP);
    assertThat(Compression.detect(GoldenTfRecord.path("quickdraw_like.tfrecord.zlib")))
        .isEqualTo(Compression.ZLIB);
  }

  @Test
  void aPlainRecordWhoseLengthLooksLikeAZlibHeaderStaysPlain() throws IOException {
    // 0x7801 = 30721 = 31 * 991, method 8: a zlib-like start, but the length's CRC follows
    byte[] payload = new byte[0x0178];
    Path file = dir.resolve("plain.tfrecord");
    Files.write(file, TfRecordFormat.frame(payload));
    assertThat(Files.readAllBytes(file)[0]).isEqualTo((byte) 0x78);
    assertThat(Compression.detect(file)).isEqualTo(Compression.NONE);
    Path empty = Files.createFile(dir.resolve("empty.tfrecord"));
    assertThat(Compression.detect(empty)).isEqualTo(Compression.NONE);
  }
}
