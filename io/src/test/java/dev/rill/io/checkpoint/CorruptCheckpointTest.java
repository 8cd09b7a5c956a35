package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bit flips, truncations and overwrites of either file, in a seeded loop: every variant must end
 * in a {@link CorruptCheckpointException} that names the damaged file, never in another exception
 * and never in wrong tensors.
 */
class CorruptCheckpointTest {
  private static final long SEED = 20240611L;

  @TempDir
  Path tmp;

  private byte[] index;
  private byte[] data;
  private Path prefix;

  @BeforeEach
  void writeSource() throws IOException {
    // The golden tensors plus strings long enough for two-byte varint lengths.
    Map<String, Tensor> vars = new LinkedHashMap<>(GoldenCheckpointTest.goldenTensors());
    vars.put("words", Tensor.ofStrings(Shape.of(3), "a".repeat(200), "", "日本語"));
    vars.put("flags", Tensor.of(true, false));
    Path source = tmp.resolve("source/model.ckpt-1");
    CheckpointWriter.write(source, vars);
    index = Files.readAllBytes(CheckpointReader.indexFile(source));
    data = Files.readAllBytes(CheckpointReader.dataFile(source, 0, 1));
    prefix = tmp.resolve("variant/model.ckpt-1");
    Files.createDirectories(prefix.getParent());
  }

  @Test
  void everyDamagedIndexIsReported() throws IOException {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < 120; i++) {
      expectCorrupt("index bit flip " + i, flip(index, r), data, true);
    }
    for (int i = 0; i < 30; i++) {
      expectCorrupt("index truncation " + i, truncate(index, r), data, true);
    }
    for (int i = 0; i < 30; i++) {
      expectCorrupt("index overwrite " + i, overwrite(index, r), data, true);
    }
  }

  @Test
  void everyDamagedDataFileIsReported() throws IOException {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 120; i++) {
      expectCorrupt("data bit flip " + i, index, flip(data, r), false);
    }
    for (int i = 0; i < 30; i++) {
      expectCorrupt("data truncation " + i, index, truncate(data, r), false);
    }
    for (int i = 0; i < 30; i++) {
      expectCorrupt("data overwrite " + i, index, overwrite(data, r), false);
    }
  }

  @Test
  void everySingleBitOfTheFooterHandlesIsChecked() throws IOException {
    // The footer's block handles (its first bytes) are covered by no CRC; a flipped continuation
    // bit there must still be caught (by the minimal-varint and zero-padding checks).
    for (int pos = index.length - 48; pos < index.length - 48 + 12; pos++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] b = index.clone();
        b[pos] ^= (byte) (1 << bit);
        expectCorrupt("footer byte " + pos + " bit " + bit, b, data, true);
      }
    }
  }

  @Test
  void aMissingDataFileIsReportedByName() throws IOException {
    Files.write(CheckpointReader.indexFile(prefix), index);
    Files.deleteIfExists(CheckpointReader.dataFile(prefix, 0, 1));
    assertThatThrownBy(() -> CheckpointReader.open(prefix))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("model.ckpt-1.data-00000-of-00001").hasMessageContaining("missing");
  }

  @Test
  void messagesNameFileOffsetAndExpectation() throws IOException {
    byte[] b = index.clone();
    b[b.length - 1] ^= 1;
    Files.write(CheckpointReader.indexFile(prefix), b);
    Files.write(CheckpointReader.dataFile(prefix, 0, 1), data);
    assertThatThrownBy(() -> CheckpointReader.open(prefix))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("model.ckpt-1.index: at byte " + (b.length - 8))
        .hasMessageContaining("expected table magic")
        .satisfies(e -> assertThat(((CorruptCheckpointException) e).offset())
            .isEqualTo(b.length - 8));
  }

  /** Writes the variant and asserts that opening and reading it fails as corrupt. */
  private void expectCorrupt(String what, byte[] idx, byte[] dat, boolean indexDamaged)
      throws IOException {
    Files.write(CheckpointReader.indexFile(prefix), idx);
    Files.write(CheckpointReader.dataFile(prefix, 0, 1), dat);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      r.readAll();
      fail(what + ": read without error");
    } catch (CorruptCheckpointException e) {
      String damaged = indexDamaged ? ".index" : ".data-00000-of-00001";
      assertThat(e.file().toString()).as(what).endsWith(damaged);
      assertThat(e.getMessage()).as(what).contains(": at byte ").contains("expected");
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(what + ": expected CorruptCheckpointException, got " + e, e);
    }
  }

  private static byte[] flip(byte[] b, SplittableRandom r) {
    byte[] c = b.clone();
    c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
    return c;
  }

  private static byte[] truncate(byte[] b, SplittableRandom r) {
    return Arrays.copyOf(b, r.nextInt(b.length));
  }

  /** Overwrites a run of 1 to 16 bytes with random values that differ from the originals. */
  private static byte[] overwrite(byte[] b, SplittableRandom r) {
    byte[] c = b.clone();
    int at = r.nextInt(c.length);
    int n = Math.min(c.length - at, 1 + r.nextInt(16));
    UnaryOperator<Byte> change = x -> (byte) (x ^ (1 + r.nextInt(255)));
    for (int i = at; i < at + n; i++) {
      c[i] = change.apply(c[i]);
    }
    return c;
  }
}
