package dev.rill.data.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rill.data.idx.DataFormatException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 3000 damaged CIFAR inputs (truncated, extended, label bytes hit, bit flips, random) either decode
 * to whole records with labels in range or end in a {@link DataFormatException} naming the input and
 * an offset inside it; never another exception.
 */
class CifarFuzzTest {
  private static final int CASES = 3000;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void damagedInputEndsInTheTypedException() {
    SplittableRandom rng = new SplittableRandom(10);
    byte[][] seeds = {CifarTest.records(3, CifarFormat.CIFAR10),
        CifarTest.records(2, CifarFormat.CIFAR100)};
    int ok = 0;
    int rejected = 0;
    for (int c = 0; c < CASES; c++) {
      int which = rng.nextInt(2);
      CifarFormat format = which == 0 ? CifarFormat.CIFAR10 : CifarFormat.CIFAR100;
      byte[] b = seeds[which].clone();
      switch (rng.nextInt(5)) {
        case 0 -> b = Arrays.copyOf(b, rng.nextInt(b.length + 1));
        case 1 -> b = Arrays.copyOf(b, b.length + 1 + rng.nextInt(3000));
        case 2 -> b[rng.nextInt(b.length / format.recordBytes()) * format.recordBytes()
            + rng.nextInt(format.labelBytes())] ^= (byte) (1 << rng.nextInt(8));
        case 3 -> {
          for (int i = 0, n = 1 + rng.nextInt(8); i < n; i++) {
            b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
          }
        }
        default -> {
          b = new byte[rng.nextInt(2) == 0 ? format.recordBytes() : rng.nextInt(7000)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rng.nextInt(256);
          }
        }
      }
      try {
        CifarReader.Batch batch = CifarReader.decode(b, "case-" + c, format);
        assertThat(batch.size() * format.recordBytes()).isEqualTo(b.length);
        for (int label : batch.labels().intData()) {
          assertThat(label).isBetween(0, format.classes() - 1);
        }
        ok++;
      } catch (DataFormatException e) {
        assertThat(e.file()).isEqualTo("case-" + c);
        assertThat(e.offset()).isBetween(0L, (long) b.length);
        rejected++;
      } catch (RuntimeException e) {
        fail("case " + c + " (" + b.length + " bytes) threw " + e, e);
      }
    }
    assertThat(ok + rejected).isEqualTo(CASES);
    assertThat(rejected).isGreaterThan(CASES / 3);
  }
}
