package dev.rill.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.DatasetException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 4000 damaged CSV inputs (truncated, bit-flipped, spliced with quotes and delimiters, random)
 * either read as rows of the declared columns or end in a {@link CsvFormatException} naming the
 * source and a line inside it: never another exception, a hang, or rows of the wrong shape. 200 of
 * them also go through {@link CsvDataset} from files, where the typed exception is the cause.
 */
class CsvFuzzTest {
  private static final int CASES = 4000;
  private static final int FILE_CASES = 200;
  private static final List<Tensor> DEFAULTS = List.of(CsvDecoder.required(DType.INT32),
      Tensor.scalar(0f), Tensor.scalar(""), Tensor.scalar(-1L), Tensor.scalar(0.0));
  private static final byte[] SPICE = {'"', ',', '\n', '\r', '"', ' ', '-', 'e', '.', 0};

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void damagedInputEndsInTheTypedException() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    CsvDecoder decoder = new CsvDecoder(DEFAULTS, CsvOptions.DEFAULT);
    int ok = 0;
    int rejected = 0;
    for (int c = 0; c < CASES; c++) {
      byte[] input = mutate(valid(rng), rng);
      long lines = 1;
      for (byte b : input) {
        lines += b == '\n' ? 1 : 0;
      }
      String name = "case-" + c;
      try (CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream(input), name,
          CsvOptions.DEFAULT)) {
        while (r.next()) {
          List<Tensor> row = decoder.decode(r.record(), r.length(), name, r.line());
          assertThat(row).extracting(Tensor::dtype).containsExactly(DType.INT32, DType.FLOAT32,
              DType.STRING, DType.INT64, DType.FLOAT64);
          assertThat(row).allSatisfy(t -> assertThat(t.rank()).isZero());
        }
        ok++;
      } catch (CsvFormatException e) {
        assertThat(e.file()).isEqualTo(name);
        assertThat(e.line()).isBetween(1L, lines);
        assertThat(e.column()).isGreaterThanOrEqualTo(-1);   // a quote error may lie past the last column
        rejected++;
      } catch (Exception e) {
        fail("case " + c + " (" + new String(input, java.nio.charset.StandardCharsets.ISO_8859_1)
            + ") threw " + e, e);
      }
      if (c < FILE_CASES) {
        Path f = dir.resolve("f" + c + ".csv");
        Files.write(f, input);
        try {
          CsvDataset.of(List.of(f), DEFAULTS).withHeader(c % 2 == 0).rows().forEach(row -> { });
        } catch (DatasetException e) {
          assertThat(e.getCause()).isInstanceOf(CsvFormatException.class);
          assertThat(((CsvFormatException) e.getCause()).file()).isEqualTo(f.toString());
        }
      }
    }
    assertThat(ok + rejected).isEqualTo(CASES);
    assertThat(rejected).isGreaterThan(CASES / 4);
    assertThat(ok).isGreaterThan(CASES / 20);
  }

  private static byte[] valid(SplittableRandom rng) {
    StringBuilder s = new StringBuilder();
    int rows = 1 + rng.nextInt(6);
    for (int r = 0; r < rows; r++) {
      s.append(rng.nextInt(-1000, 1000)).append(',').append(rng.nextDouble() * 10).append(",\"s")
          .append(r).append(rng.nextBoolean() ? "\"\"q\"\"" : ",x").append("\",")
          .append(rng.nextBoolean() ? "" : String.valueOf(rng.nextLong())).append(',')
          .append(rng.nextInt(3) == 0 ? "" : "1e" + rng.nextInt(-5, 5))
          .append(rng.nextBoolean() ? "\n" : "\r\n");
    }
    return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] mutate(byte[] in, SplittableRandom rng) {
    byte[] b = in.clone();
    switch (rng.nextInt(5)) {
      case 0 -> b = Arrays.copyOf(b, rng.nextInt(b.length + 1));                 // truncate
      case 1 -> {                                                               // flip bits
        for (int i = 0, n = 1 + rng.nextInt(4); i < n; i++) {
          b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case 2 -> {                                                               // splice specials
        for (int i = 0, n = 1 + rng.nextInt(3); i < n; i++) {
          b[rng.nextInt(b.length)] = SPICE[rng.nextInt(SPICE.length)];
        }
      }
      case 3 -> {                                                               // random bytes
        b = new byte[rng.nextInt(80)];
        for (int i = 0; i < b.length; i++) {
          b[i] = rng.nextInt(4) == 0 ? SPICE[rng.nextInt(SPICE.length)] : (byte) rng.nextInt(256);
        }
      }
      default -> { }                                                            // unchanged
    }
    return b;
  }
}
