package dev.rill.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir
  Path dir;

  static Tensor images(int n, int rows, int cols) {
    byte[] b = new byte[n * rows * cols];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    return Tensor.ofUint8(Shape.of(n, rows, cols), b);
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] idx(Tensor t) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IdxWriter.write(t, out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-idx3-ubyte", "x-idx3-ubyte.gz"})
  void uint8ImagesRoundTrip(String name) throws IOException {
    Tensor t = images(3, 28, 28);
    Path f = dir.resolve(name);
    IdxWriter.write(t, f);
    Tensor back = IdxReader.read(f);
    assertThat(back.dtype()).isEqualTo(DType.UINT8);
    assertThat(back.shape()).isEqualTo(Shape.of(3, 28, 28));
    assertThat(back.uint8Data()).isEqualTo(t.uint8Data());
    assertThat(IdxReader.readHeader(f)).isEqualTo(new IdxReader.Header(IdxType.UBYTE, new int[] {3, 28, 28}));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);   // the temporary file was renamed, not left behind
    }
  }

  @Test
  void headerIsBigEndianWithTheDocumentedMagic() throws IOException {
    Path f = dir.resolve("labels");
    IdxWriter.write(Tensor.ofUint8(Shape.of(3), (byte) 7, (byte) 0, (byte) 9), f);
    // 0x00000801 = ubyte, rank 1; then n = 3; then the bytes
    assertThat(Files.readAllBytes(f)).containsExactly(0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9);
  }

  @Test
  void otherTypesRoundTrip() throws IOException {
    Tensor ints = Tensor.of(Shape.of(2, 2), 1, -2, 300000, Integer.MIN_VALUE);
    Tensor floats = Tensor.of(Shape.of(3), 0.5f, -1e-7f, Float.MAX_VALUE);
    Tensor doubles = Tensor.of(Shape.of(1, 2), Math.PI, -0.0);
    for (Tensor t : new Tensor[] {ints, floats, doubles}) {
      Path f = dir.resolve("t.gz");
      IdxWriter.write(t, f);
      Tensor back = IdxReader.read(f);
      assertThat(back.dtype()).isEqualTo(t.dtype());
      assertThat(back.shape()).isEqualTo(t.shape());
      assertThat(back.toDoubleArray()).containsExactly(t.toDoubleArray());
    }
  }

  @Test
  void signedBytesAndShortsWidenToInt32() throws IOException {
    byte[] bytes = {0, 0, 0x09, 1, 0, 0, 0, 2, (byte) 0xff, 5};
    assertThat(IdxReader.read(new ByteArrayInputStream(bytes), "b").toIntArray()).containsExactly(-1, 5);
    byte[] shorts = {0, 0, 0x0B, 1, 0, 0, 0, 2, (byte) 0x80, 0, 0x01, 0x02};
    Tensor s = IdxReader.read(new ByteArrayInputStream(shorts), "s");
    assertThat(s.dtype()).isEqualTo(DType.INT32);
    assertThat(s.toIntArray()).containsExactly(-32768, 258);
  }

  @Test
  void emptyDimensionsGiveEmptyTensors() throws IOException {
    byte[] b = {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28};
    Tensor t = IdxReader.read(new ByteArrayInputStream(b), "empty");
    assertThat(t.shape()).isEqualTo(Shape.of(0, 28, 28));
  }

  @Test
  void compressionIsDetectedByContentNotName() throws IOException {
    Tensor t = images(2, 5, 4);
    Path gzNoSuffix = dir.resolve("compressed-without-suffix");
    Files.write(gzNoSuffix, gzip(idx(t)));
    Path plainWithSuffix = dir.resolve("plain-with-suffix.gz");
    Files.write(plainWithSuffix, idx(t));
    assertThat(IdxReader.read(gzNoSuffix).uint8Data()).isEqualTo(t.uint8Data());
    assertThat(IdxReader.read(plainWithSuffix).uint8Data()).isEqualTo(t.uint8Data());
    assertThat(IdxReader.read(new ByteArrayInputStream(gzip(idx(t))), "stream").shape())
        .isEqualTo(Shape.of(2, 5, 4));
  }

  // ---- every kind of bad input: typed exception, file, offset, what was expected ----

  private DataFormatException readBad(String name, byte[] content) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    try {
      IdxReader.read(f);
    } catch (DataFormatException e) {
      assertThat(e.file()).isEqualTo(f.toString());
      assertThat(e.getMessage()).startsWith(f + ": at byte " + e.offset() + ": ");
      return e;
    }
    throw new AssertionError("no DataFormatException for " + name);
  }

  @Test
  void badMagicNamesTheNumberAndTheExpectedForm() throws IOException {
    byte[] content = idx(images(1, 2, 2));
    content[0] = 0x12;
    DataFormatException e = readBad("bad-magic", content);
    assertThat(e.offset()).isZero();
    assertThat(e.problem()).contains("bad magic number 0x12000803").contains("0x00000803");
  }

  @Test
  void unknownElementTypeIsReportedAtByteTwo() throws IOException {
    byte[] content = idx(images(1, 2, 2));
    content[2] = 0x0A;
    DataFormatException e = readBad("bad-type", content);
    assertThat(e.offset()).isEqualTo(2);
    assertThat(e.problem()).contains("unknown element type 0x0A").contains("0x08 (ubyte)");
  }

  @Test
  void truncatedHeader() throws IOException {
    DataFormatException tooShortForMagic = readBad("two-bytes", new byte[] {0, 0});
    assertThat(tooShortForMagic.offset()).isEqualTo(2);
    assertThat(tooShortForMagic.problem()).contains("truncated header");
    byte[] content = Arrays.copyOf(idx(images(1, 2, 2)), 10);   // magic + 1.5 of 3 dims
    DataFormatException e = readBad("cut-in-dims", content);
    assertThat(e.offset()).isEqualTo(10);
    assertThat(e.problem()).contains("truncated header").contains("3 big-endian 4-byte dimensions");
  }

  @Test
  void truncatedDataIsCheckedAgainstTheFileLengthBeforeReading() throws IOException {
    byte[] full = idx(images(4, 3, 3));   // 16-byte header + 36 data bytes
    DataFormatException e = readBad("truncated", Arrays.copyOf(full, 40));
    assertThat(e.offset()).isEqualTo(40);
    assertThat(e.problem()).contains("truncated data").contains("ubyte[4, 3, 3] needs 52 bytes")
        .contains("the file has 40");
  }

  @Test
  void dimsThatDoNotMatchTheFileLength() throws IOException {
    byte[] content = idx(images(4, 3, 3));
    ByteBuffer.wrap(content).putInt(4, 2);   // claims 2 images, file holds 4
    DataFormatException e = readBad("too-long", content);
    assertThat(e.offset()).isEqualTo(16 + 18);
    assertThat(e.problem()).contains("extra bytes after the data").contains("ubyte[2, 3, 3]");
  }

  @Test
  void hugeDimensionsAreRejectedWithoutAllocating() throws IOException {
    byte[] content = idx(images(1, 2, 2));
    ByteBuffer.wrap(content).putInt(4, 0x7fffffff).putInt(8, 0x7fffffff);
    DataFormatException e = readBad("huge", content);
    assertThat(e.problem()).contains("more than one Java array can hold");
    ByteBuffer.wrap(content).putInt(4, 0xffffffff);
    assertThat(readBad("over-int", content).problem()).contains("dimension 0 is 4294967295");
  }

  @Test
  void truncatedGzipDataReportsTheDecompressedOffset() throws IOException {
    byte[] plain = idx(images(50, 10, 10));
    DataFormatException e = readBad("short.gz", Arrays.copyOf(plain, 816));
    assertThat(e.problem()).contains("truncated data");
    byte[] gz = gzip(plain);
    DataFormatException cut = readBad("cut.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThat(cut.problem()).containsAnyOf("corrupt gzip data", "truncated");
    assertThat(cut.offset()).isBetween(0L, (long) plain.length);
  }

  @Test
  void gzipWithWrongDimsReportsExtraOrMissingBytes() throws IOException {
    byte[] plain = idx(images(4, 3, 3));
    ByteBuffer.wrap(plain).putInt(4, 3);
    DataFormatException extra = readBad("extra.gz", gzip(plain));
    assertThat(extra.offset()).isEqualTo(16 + 27);
    assertThat(extra.problem()).contains("extra bytes").contains("decompressed");
    ByteBuffer.wrap(plain).putInt(4, 5);
    DataFormatException missing = readBad("missing.gz", gzip(plain));
    assertThat(missing.offset()).isEqualTo(plain.length);
    assertThat(missing.problem()).contains("truncated data").contains("found only 36");
  }

  @Test
  void corruptGzipStreamIsAFormatError() throws IOException {
    byte[] gz = gzip(idx(images(20, 8, 8)));
    for (int i = 12; i < gz.length - 8; i++) {
      gz[i] ^= (byte) 0x5a;
    }
    DataFormatException e = readBad("garbled.gz", gz);
    assertThat(e.problem()).isNotBlank();
  }

  @Test
  void writerRejectsTypesIdxCannotHold() {
    assertThatThrownBy(() -> IdxWriter.write(Tensor.of(1L, 2L), dir.resolve("x")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("IdxWriter: IDX cannot hold int64");
  }
}
