package dev.rill.io.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rill.io.tfrecord.CorruptRecordException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged TFRecord streams in seeded loops: every variant either reads back exactly the original
 * payloads (when the damage does not touch them) or ends in a {@link CorruptRecordException},
 * never in another exception type, a hang or a wrong payload.
 *
 * <p>Per run: every single-bit flip of the uncompressed golden file (1382 * 8 = 11,056) and every
 * truncation of it (1,382), each checked for the exact record and problem; for GZIP and ZLIB, every
 * truncation (about 750 each) and {@value #COMPRESSED_FLIPS} random bit flips each; and
 * {@value #RANDOM_INPUTS} random byte strings per compression. About 25,000 inputs in all.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TfRecordFuzzTest {
  static final int COMPRESSED_FLIPS = 3000;
  static final int RANDOM_INPUTS = 1000;
  private static final long SEED = 0x7f4a7c15L;

  private static final List<byte[]> PAYLOADS = GoldenTfRecord.payloads();
  private static final byte[] PLAIN = TfRecordFormat.frame(PAYLOADS);
  private static final long[] OFFSETS = GoldenTfRecord.offsets();

  /** What one read of a (possibly damaged) stream produced. */
  private record Outcome(List<byte[]> payloads, CorruptRecordException error, long skipped) {}

  private static Outcome read(byte[] file, Compression c, CorruptRecordPolicy policy) {
    List<byte[]> got = new ArrayList<>();
    try (TfRecordReader r = TfRecordReader.of(new ByteArrayInputStream(file), "fuzz",
        new TfRecordReader.Options(c, policy))) {
      for (TfRecord rec; (rec = r.read()) != null; ) {
        got.add(rec.payload());
      }
      return new Outcome(got, null, r.corruptRecords());
    } catch (CorruptRecordException e) {
      return new Outcome(got, e, 0);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("untyped failure: " + e, e);
    }
  }

  /** Index of the record holding byte {@code at} of the plain file. */
  private static int recordAt(long at) {
    int i = OFFSETS.length - 1;
    while (OFFSETS[i] > at) {
      i--;
    }
    return i;
  }

  @Test
  void everySingleBitFlipInAnUncompressedFileIsCaughtAtItsRecord() {
    int checked = 0;
    for (int pos = 0; pos < PLAIN.length; pos++) {
      int rec = recordAt(pos);
      boolean inHeader = pos - OFFSETS[rec] < TfRecordFormat.HEADER_BYTES;
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = PLAIN.clone();
        damaged[pos] ^= (byte) (1 << bit);
        Outcome fail = read(damaged, Compression.NONE, CorruptRecordPolicy.FAIL);
        assertThat(fail.error()).as("flip at %d.%d", pos, bit).isNotNull();
        assertThat(fail.error().offset()).isEqualTo(OFFSETS[rec]);
        assertThat(fail.error().problem())
            .isEqualTo(inHeader ? Problem.LENGTH_CRC : Problem.DATA_CRC);
        assertThat(fail.payloads()).containsExactlyElementsOf(PAYLOADS.subList(0, rec));

        Outcome skip = read(damaged, Compression.NONE, CorruptRecordPolicy.SKIP);
        List<byte[]> expected = new ArrayList<>(PAYLOADS.subList(0, rec));
        if (!inHeader) {
          expected.addAll(PAYLOADS.subList(rec + 1, PAYLOADS.size()));
        }
        assertThat(skip.error()).isNull();
        assertThat(skip.payloads()).containsExactlyElementsOf(expected);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(PLAIN.length * 8);
  }

  @Test
  void everyTruncationOfAnUncompressedFileIsCaughtAtItsRecord() {
    for (int cut = 0; cut < PLAIN.length; cut++) {
      Outcome o = read(Arrays.copyOf(PLAIN, cut), Compression.NONE, CorruptRecordPolicy.FAIL);
      int rec = recordAt(cut);
      if (cut == OFFSETS[rec]) {
        assertThat(o.error()).as("cut at record boundary %d", cut).isNull();
        assertThat(o.payloads()).containsExactlyElementsOf(PAYLOADS.subList(0, rec));
      } else {
        assertThat(o.error()).as("cut at %d", cut).isNotNull();
        assertThat(o.error().problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(o.error().offset()).isEqualTo(OFFSETS[rec]);
        assertThat(o.payloads()).containsExactlyElementsOf(PAYLOADS.subList(0, rec));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"GZIP", "ZLIB"})
  void everyTruncationOfACompressedFileFails(Compression c) {
    byte[] file = GoldenTfRecord.bytes(c == Compression.GZIP ? GoldenTfRecord.GZIP
        : GoldenTfRecord.ZLIB);
    assertThat(read(file, c, CorruptRecordPolicy.FAIL).payloads())
        .containsExactlyElementsOf(PAYLOADS);
    for (int cut = 1; cut < file.length; cut++) {
      for (CorruptRecordPolicy p : CorruptRecordPolicy.values()) {
        Outcome o = read(Arrays.copyOf(file, cut), c, p);
        assertPrefix(o.payloads(), "cut at " + cut);
        if (p == CorruptRecordPolicy.FAIL) {
          assertThat(o.error()).as("cut at %d", cut).isNotNull();
        } else {
          assertThat(o.error()).isNull();
          assertThat(o.skipped()).as("cut at %d", cut).isEqualTo(1);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"GZIP", "ZLIB"})
  void bitFlipsInACompressedFileNeverGiveWrongPayloads(Compression c) {
    byte[] file = GoldenTfRecord.bytes(c == Compression.GZIP ? GoldenTfRecord.GZIP
        : GoldenTfRecord.ZLIB);
    SplittableRandom rnd = new SplittableRandom(SEED + c.ordinal());
    int failures = 0;
    for (int i = 0; i < COMPRESSED_FLIPS; i++) {
      byte[] damaged = file.clone();
      int flips = 1 + rnd.nextInt(3);
      for (int k = 0; k < flips; k++) {
        damaged[rnd.nextInt(damaged.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      Outcome o = read(damaged, c, rnd.nextBoolean() ? CorruptRecordPolicy.FAIL
          : CorruptRecordPolicy.SKIP);
      if (o.error() == null && o.skipped() == 0) {
        // Only flips that do not change the decompressed bytes (gzip header fields) get here.
        assertThat(o.payloads()).containsExactlyElementsOf(PAYLOADS);
      } else {
        failures++;
        assertNoWrongPayload(o.payloads(), "flip " + i);
      }
    }
    assertThat(failures).isGreaterThan(COMPRESSED_FLIPS / 2);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void randomBytesEndInTheTypedException(Compression c) throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED * 31 + c.ordinal());
    for (int i = 0; i < RANDOM_INPUTS; i++) {
      byte[] junk = new byte[1 + rnd.nextInt(300)];
      rnd.nextBytes(junk);
      if (i % 4 == 0 && c != Compression.NONE) {
        junk = compress(junk, c); // a valid compressed stream around junk records
      }
      Outcome o = read(junk, c, rnd.nextBoolean() ? CorruptRecordPolicy.FAIL
          : CorruptRecordPolicy.SKIP);
      // A random 12-byte header passes its CRC with probability 2^-32: nothing may be returned.
      assertThat(o.payloads()).as("input %d", i).isEmpty();
    }
  }

  @Test
  void randomRecordStreamsWithDamageKeepEveryIntactRecordUnderSkip() throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED ^ 0x5eed);
    for (int i = 0; i < 300; i++) {
      List<byte[]> payloads = new ArrayList<>();
      int n = rnd.nextInt(8);
      for (int k = 0; k < n; k++) {
        byte[] p = new byte[rnd.nextInt(rnd.nextBoolean() ? 5 : 2000)];
        rnd.nextBytes(p);
        payloads.add(p);
      }
      byte[] file = TfRecordFormat.frame(payloads);
      if (file.length == 0) {
        continue;
      }
      // Damage one payload byte of a random non-empty record: only that record is lost.
      int victim = -1;
      long at = 0;
      for (int k = 0; k < n; k++) {
        if (payloads.get(k).length > 0 && rnd.nextInt(3) == 0 && victim < 0) {
          victim = k;
          file[(int) (at + TfRecordFormat.HEADER_BYTES + rnd.nextInt(payloads.get(k).length))]
              ^= (byte) (1 + rnd.nextInt(255));
        }
        at += TfRecordFormat.OVERHEAD_BYTES + payloads.get(k).length;
      }
      for (Compression c : Compression.values()) {
        byte[] stream = c == Compression.NONE ? file : compress(file, c);
        Outcome o = read(stream, c, CorruptRecordPolicy.SKIP);
        List<byte[]> expected = new ArrayList<>(payloads);
        if (victim >= 0) {
          expected.remove(victim);
        }
        assertThat(o.error()).isNull();
        assertThat(o.payloads()).containsExactlyElementsOf(expected);
      }
    }
  }

  private static byte[] compress(byte[] plain, Compression c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream z = c == Compression.GZIP ? new GZIPOutputStream(bytes)
        : new DeflaterOutputStream(bytes)) {
      z.write(plain);
    }
    return bytes.toByteArray();
  }

  private static void assertPrefix(List<byte[]> got, String what) {
    assertThat(got.size()).as(what).isLessThanOrEqualTo(PAYLOADS.size());
    for (int i = 0; i < got.size(); i++) {
      if (!Arrays.equals(got.get(i), PAYLOADS.get(i))) {
        fail(what + ": record " + i + " differs from the original");
      }
    }
  }

  /** Every returned payload is one of the originals, in order (SKIP may drop some). */
  private static void assertNoWrongPayload(List<byte[]> got, String what) {
    int j = 0;
    for (byte[] p : got) {
      while (j < PAYLOADS.size() && !Arrays.equals(PAYLOADS.get(j), p)) {
        j++;
      }
      if (j == PAYLOADS.size()) {
        fail(what + ": returned a payload that is not an original");
      }
      j++;
    }
  }
}
