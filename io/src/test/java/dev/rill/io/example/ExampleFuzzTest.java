package dev.rill.io.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rill.core.DType;
import dev.rill.io.proto.ExampleEntries;
import dev.rill.io.proto.FeatureMapEntry;
import dev.rill.io.tfrecord.GoldenTfRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged and random bytes through every decoding path (Example and SequenceExample decoding,
 * batch and single parsing with the golden spec and a sequence spec): each input either decodes,
 * consistently across paths, or ends in an {@link ExampleParseException}; never another exception
 * type or a hang.
 *
 * <p>Per run: every truncation of the 5 golden payloads and of 3 SequenceExamples (about 1,400),
 * {@value #BIT_FLIPS} payloads with 1-3 flipped bits, {@value #SPLICES} spliced payloads and
 * {@value #RANDOM_INPUTS} random byte strings: about 8,400 inputs in all, each through up to 6
 * paths.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleFuzzTest {
  static final int BIT_FLIPS = 3000;
  static final int SPLICES = 1000;
  static final int RANDOM_INPUTS = 3000;
  private static final long SEED = 0xfeedL;

  private static final ExampleParser EXAMPLES = ExampleParser.of(GoldenExampleTest.goldenSpec());
  private static final SequenceExampleParser SEQUENCES = SequenceExampleParser.of(
      Map.of("class_index", FixedLenFeature.of(DType.INT64, 1), "tags",
          VarLenFeature.of(DType.STRING)),
      Map.of("tokens", FixedLenSequenceFeature.of(DType.INT64).allowingMissing(),
          "frames", VarLenFeature.of(DType.FLOAT32)));

  private static List<byte[]> seeds() {
    List<byte[]> s = new ArrayList<>(GoldenTfRecord.payloads());
    s.add(SequenceExample.builder().context("class_index", Feature.int64s(3))
        .int64Steps("tokens", new long[] {1}, new long[] {-2}, new long[] {300})
        .floatSteps("frames", new float[] {0.5f, 1f}, new float[0]).build().toByteArray());
    s.add(SequenceExample.builder().context("tags", Feature.strings("a", "日本"))
        .featureList("frames", Feature.unset()).build().toByteArray());
    s.add(SequenceExample.builder().build().toByteArray());
    return s;
  }

  private int decoded;
  private int rejected;

  /** Every path either succeeds or throws ExampleParseException; successes agree. */
  private void check(byte[] input) {
    Example example = attempt(() -> Example.parseFrom(input));
    if (example != null) {
      assertThat(Example.parseFrom(example.toByteArray())).isEqualTo(example);
      ParsedFeatures fromBytes = attempt(() -> EXAMPLES.parse(List.of(input)));
      // Repeated keys resolve by TensorFlow's rule from bytes and by protobuf's in a decoded
      // Example; without them both paths must agree.
      if (!repeatsAKey(input)) {
        ParsedFeatures fromValue = attempt(() -> EXAMPLES.parseExamples(List.of(example)));
        assertThat(fromBytes == null).isEqualTo(fromValue == null);
        if (fromBytes != null) {
          GoldenExampleTest.assertSameOutputs(fromBytes, fromValue);
        }
      }
      assertThat(attempt(() -> EXAMPLES.parseSingle(input)) == null)
          .isEqualTo(fromBytes == null);
    } else {
      // Bytes that are no Example fail every Example path.
      assertThat(attempt(() -> EXAMPLES.parse(List.of(input)))).isNull();
    }
    SequenceExample sequence = attempt(() -> SequenceExample.parseFrom(input));
    if (sequence != null) {
      assertThat(SequenceExample.parseFrom(sequence.toByteArray())).isEqualTo(sequence);
      ParsedSequenceExamples p = attempt(() -> SEQUENCES.parse(List.of(input)));
      assertThat(p == null).isEqualTo(attempt(() -> SEQUENCES.parseSingle(input)) == null);
    }
    if (example != null || sequence != null) {
      decoded++;
    } else {
      rejected++;
    }
  }

  private static boolean repeatsAKey(byte[] input) {
    try {
      List<String> keys = ExampleEntries.parseFrom(input).getFeatures().getFeatureList().stream()
          .map(FeatureMapEntry::getKey).toList();
      return keys.size() != new HashSet<>(keys).size();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("decoded as an Example but not as entries", e);
    }
  }

  private static <T> T attempt(java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (ExampleParseException e) {
      return null;
    }
  }

  @Test
  void truncationsEndInTheTypedException() {
    for (byte[] seed : seeds()) {
      for (int cut = 0; cut < seed.length; cut++) {
        check(Arrays.copyOf(seed, cut));
      }
    }
    assertThat(rejected).isGreaterThan(decoded);
  }

  @Test
  void bitFlipsEndInTheTypedExceptionOrDecodeConsistently() {
    List<byte[]> seeds = seeds();
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < BIT_FLIPS; i++) {
      byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
      if (b.length == 0) {
        continue;
      }
      for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      check(b);
    }
    assertThat(decoded).isPositive();
    assertThat(rejected).isPositive();
  }

  @Test
  void splicedPayloadsEndInTheTypedExceptionOrDecodeConsistently() {
    // Concatenated messages merge in protobuf (map entries: the last one wins).
    List<byte[]> seeds = seeds();
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    for (int i = 0; i < SPLICES; i++) {
      byte[] a = seeds.get(rnd.nextInt(seeds.size()));
      byte[] b = seeds.get(rnd.nextInt(seeds.size()));
      int cutA = rnd.nextInt(a.length + 1);
      int cutB = rnd.nextInt(b.length + 1);
      byte[] s = Arrays.copyOf(a, cutA + b.length - cutB);
      System.arraycopy(b, cutB, s, cutA, b.length - cutB);
      check(s);
    }
    Example merged = Example.parseFrom(concat(GoldenTfRecord.payloads().get(0),
        GoldenTfRecord.payloads().get(1)));
    assertThat(merged.int64s("class_index")).containsExactly(20);
  }

  @Test
  void randomBytesEndInTheTypedExceptionOrDecodeConsistently() {
    SplittableRandom rnd = new SplittableRandom(SEED + 2);
    for (int i = 0; i < RANDOM_INPUTS; i++) {
      byte[] b = new byte[rnd.nextInt(200)];
      rnd.nextBytes(b);
      if (i % 3 == 0 && b.length > 2) {
        b[0] = 0x0a; // often start like an Example, to get deeper into the decoder
        b[1] = (byte) rnd.nextInt(b.length - 1);
      }
      check(b);
    }
    assertThat(rejected).isGreaterThan(RANDOM_INPUTS / 2);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
