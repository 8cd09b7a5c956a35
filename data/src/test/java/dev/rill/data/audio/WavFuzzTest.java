package dev.rill.data.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 5000 damaged WAV inputs (truncated, bit-flipped, header fields overwritten, random bytes behind
 * a RIFF header) either decode to [frames, channels] audio consistent with their size, with
 * integer-PCM samples in [-1, 1), or end in a {@link WavFormatException} naming the input and an
 * offset inside it: never another exception, a hang, or an allocation beyond the input.
 */
class WavFuzzTest {
  private static final int CASES = 5000;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void damagedInputEndsInTheTypedException() {
    SplittableRandom rng = new SplittableRandom(16000);
    byte[][] seeds = {
        WavBytes.pcm16(1, 16000, 1, -2, 300, -32768, 32767, 0, 5),
        WavBytes.pcm16(2, 8000, 1, 2, 3, 4, 5, 6),
        WavBytes.wav(1, 2, 44100, 24, new long[] {1, -1, 8000000, -8000000}, true, 5),
        WavBytes.wav(3, 1, 22050, 32, new long[] {Float.floatToIntBits(0.5f), 0}, false, 0),
        WavBytes.wav(1, 3, 11025, 8, new long[] {0, 128, 255, 7, 9, 11}, false, 3),
    };
    int ok = 0;
    int rejected = 0;
    for (int c = 0; c < CASES; c++) {
      byte[] b = seeds[rng.nextInt(seeds.length)].clone();
      switch (rng.nextInt(5)) {
        case 0 -> b = Arrays.copyOf(b, rng.nextInt(b.length + 1));
        case 1 -> {
          for (int i = 0, n = 1 + rng.nextInt(4); i < n; i++) {
            b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
          }
        }
        case 2 -> {   // overwrite a header byte (sizes, format, channels, rate, align, bits)
          for (int i = 0, n = 1 + rng.nextInt(3); i < n; i++) {
            b[12 + rng.nextInt(Math.min(40, b.length - 12))] = (byte) rng.nextInt(256);
          }
        }
        case 3 -> {
          byte[] r = new byte[rng.nextInt(100)];
          for (int i = 0; i < r.length; i++) {
            r[i] = (byte) rng.nextInt(256);
          }
          if (rng.nextBoolean() && r.length >= 12) {
            System.arraycopy("RIFF".getBytes(), 0, r, 0, 4);
            System.arraycopy("WAVE".getBytes(), 0, r, 8, 4);
          }
          b = r;
        }
        default -> b = Arrays.copyOf(b, b.length + rng.nextInt(9));   // trailing junk
      }
      int desired = rng.nextInt(3) == 0 ? 1 + rng.nextInt(3) : -1;
      try {
        DecodedWav w = WavDecoder.decode(b, "case-" + c, desired, -1);
        assertThat(w.audio().rank()).isEqualTo(2);
        assertThat((long) w.frames() * w.channels()).isLessThanOrEqualTo(
            (long) b.length * Math.max(1, desired));
        assertThat(w.sampleRate()).isPositive();
        ok++;
      } catch (WavFormatException e) {
        assertThat(e.file()).isEqualTo("case-" + c);
        assertThat(e.offset()).isBetween(0L, (long) b.length);
        rejected++;
      } catch (RuntimeException e) {
        fail("case " + c + " (" + b.length + " bytes " + java.util.HexFormat.of().formatHex(b, 0,
            Math.min(b.length, 64)) + ") threw " + e, e);
      }
    }
    assertThat(ok + rejected).isEqualTo(CASES);
    assertThat(rejected).isGreaterThan(CASES / 4);
    assertThat(ok).isGreaterThan(CASES / 10);
  }
}
