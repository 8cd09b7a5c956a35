package dev.rill.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged IDX input of every sort either reads as some valid IDX file or ends in a
 * {@link DataFormatException}: never another exception, never a hang, never a huge allocation.
 */
class IdxFuzzTest {
  private static final int CASES = 2000;

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void damagedInputEndsInTheTypedException() throws IOException {
    SplittableRandom rng = new SplittableRandom(2024);
    byte[][] seeds = {
        valid(Tensor.ofUint8(Shape.of(6, 4, 4), ramp(96))),
        valid(Tensor.ofUint8(Shape.of(12), ramp(12))),
        valid(Tensor.of(Shape.of(2, 3), 1f, 2f, 3f, 4f, 5f, 6f)),
        valid(Tensor.of(Shape.of(3), 7, 8, 9)),
    };
    int ok = 0;
    int rejected = 0;
    for (int c = 0; c < CASES; c++) {
      byte[] input = mutate(seeds[rng.nextInt(seeds.length)], rng);
      if (rng.nextInt(3) == 0) {
        input = gzip(input);
        if (rng.nextBoolean()) {
          input = mutate(input, rng);   // damage the compressed stream itself
        }
      }
      try {
        Tensor t = IdxReader.read(new ByteArrayInputStream(input), "case-" + c);
        assertThat(t.size()).isLessThanOrEqualTo(input.length * 1100);
        ok++;
      } catch (DataFormatException e) {
        assertThat(e.file()).isEqualTo("case-" + c);
        assertThat(e.offset()).isNotNegative();
        rejected++;
      } catch (IOException | RuntimeException e) {
        fail("case " + c + " (" + input.length + " bytes " + hex(input) + ") threw " + e, e);
      }
    }
    assertThat(rejected).isGreaterThan(CASES / 2);
    assertThat(ok + rejected).isEqualTo(CASES);
  }

  private static byte[] mutate(byte[] in, SplittableRandom rng) {
    byte[] b = in.clone();
    switch (rng.nextInt(5)) {
      case 0 -> b = Arrays.copyOf(b, rng.nextInt(b.length + 1));                // truncate
      case 1 -> {                                                              // flip bits
        int flips = 1 + rng.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) {
          b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case 2 -> {                                                              // random bytes
        b = new byte[rng.nextInt(64)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) rng.nextInt(256);
        }
        if (b.length > 4 && rng.nextBoolean()) {
          b[0] = 0;    // often a plausible magic, so the header paths get exercised
          b[1] = 0;
          b[2] = (byte) (8 + rng.nextInt(7));
          b[3] = (byte) rng.nextInt(5);
        }
      }
      case 3 -> {                                                              // append junk
        b = Arrays.copyOf(b, b.length + 1 + rng.nextInt(8));
      }
      default -> {                                                             // damage a dimension
        if (b.length >= 8) {
          b[4 + rng.nextInt(4)] = (byte) rng.nextInt(256);
        }
      }
    }
    return b;
  }

  private static byte[] valid(Tensor t) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IdxWriter.write(t, out);
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private static byte[] ramp(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b, 0, Math.min(b.length, 48));
  }
}
