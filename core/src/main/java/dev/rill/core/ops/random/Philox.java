package dev.rill.core.ops.random;

/**
 * The Philox-4x32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011): a keyed bijection of a 128-bit counter to 128 random bits. Block {@code i}
 * of a stream is computed from (key, i) alone, so any block can be generated on any thread in any
 * order.
 *
 * {@snippet :
 * int[] out = new int[4];
 * Philox.block(0, 0, 0, 0, 0, 0, out);   // 0x6627e8d5 0xe169c58d 0xbc57ac4c 0x9b00dbd8
 * }
 */
public final class Philox {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  private static final long MASK = 0xFFFFFFFFL;

  private Philox() {}

  /** Ten rounds on counter (c0, c1, c2, c3) with key (k0, k1); the four words go to {@code out}. */
  public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
    for (int round = 0; round < 10; round++) {
      long p0 = M0 * (c0 & MASK);
      long p1 = M1 * (c2 & MASK);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c1 = (int) p1;
      c3 = (int) p0;
      c0 = n0;
      c2 = n2;
      k0 += W0;
      k1 += W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }

  /**
   * Block {@code index} of sub-stream {@code sub} of the stream keyed by {@code seed} and
   * {@code counter}: the counter words are (index, sub, counter low, counter high).
   */
  public static void block(long seed, long counter, int index, int sub, int[] out) {
    block(index, sub, (int) counter, (int) (counter >>> 32), (int) seed, (int) (seed >>> 32), out);
  }

  /** A float in [0, 1) from the top 24 bits of a word. */
  static float unitFloat(int word) {
    return (word >>> 8) * 0x1.0p-24f;
  }

  /** A double in [0, 1) from 53 bits of two words. */
  static double unitDouble(int lo, int hi) {
    return (((hi & MASK) << 21) | ((lo & MASK) >>> 11)) * 0x1.0p-53;
  }

  /** A double in [0, 1) from a word. */
  static double unit32(int word) {
    return (word & MASK) * 0x1.0p-32;
  }

  /** A double in (0, 1] from a word, so its logarithm is finite. */
  static double openUnit(int word) {
    return ((word & MASK) + 1) * 0x1.0p-32;
  }

  /** A double in (0, 1] from 53 bits of two words. */
  static double openUnitDouble(int lo, int hi) {
    return ((((hi & MASK) << 21) | ((lo & MASK) >>> 11)) + 1) * 0x1.0p-53;
  }

  /** 64 bits from two words. */
  static long bits64(int lo, int hi) {
    return ((long) hi << 32) | (lo & MASK);
  }
}
