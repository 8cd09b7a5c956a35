package dev.rill.data.lookup;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit string fingerprint TensorFlow uses for hash buckets ({@code tf.fingerprint},
 * {@code StringToHashBucketFast}, the out-of-vocabulary buckets of {@code StaticVocabularyTable}):
 * FarmHash's {@code Fingerprint64}, the "na" variant of {@code Hash64}, the same function as
 * Guava's {@code farmHashFingerprint64}. It is fixed forever, so bucket ids computed here match
 * ids TensorFlow computed for the same bytes.
 *
 * {@snippet :
 * long h = Fingerprint64.of("hello");
 * long bucket = Fingerprint64.bucket("hello", 1000);   // unsigned h mod 1000
 * }
 */
public final class Fingerprint64 {
  private static final long K0 = 0xc3a5c85c97cb3127L;
  private static final long K1 = 0xb492b66fbe98f273L;
  private static final long K2 = 0x9ae16a3b2f90404fL;

  private Fingerprint64() {}

  /** The fingerprint of a string's UTF-8 bytes. */
  public static long of(String s) {
    return of(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The fingerprint of {@code b}. */
  public static long of(byte[] b) {
    return of(b, 0, b.length);
  }

  /** The fingerprint of {@code b[off, off + len)}. */
  public static long of(byte[] b, int off, int len) {
    if (len <= 16) {
      return len0to16(b, off, len);
    }
    if (len <= 32) {
      return len17to32(b, off, len);
    }
    if (len <= 64) {
      return len33to64(b, off, len);
    }
    return longer(b, off, len);
  }

  /** The fingerprint modulo {@code buckets} (unsigned), as {@code StringToHashBucketFast}. */
  public static long bucket(String s, long buckets) {
    return Long.remainderUnsigned(of(s), buckets);
  }

  private static long fetch64(byte[] b, int i) {
    return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24 | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40
        | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
  }

  private static long fetch32(byte[] b, int i) {
    return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24;
  }

  private static long shiftMix(long v) {
    return v ^ (v >>> 47);
  }

  private static long hash16(long u, long v, long mul) {
    long a = (u ^ v) * mul;
    a ^= a >>> 47;
    long b = (v ^ a) * mul;
    b ^= b >>> 47;
    return b * mul;
  }

  private static long len0to16(byte[] s, int o, int len) {
    if (len >= 8) {
      long mul = K2 + len * 2L;
      long a = fetch64(s, o) + K2;
      long b = fetch64(s, o + len - 8);
      long c = Long.rotateRight(b, 37) * mul + a;
      long d = (Long.rotateRight(a, 25) + b) * mul;
      return hash16(c, d, mul);
    }
    if (len >= 4) {
      long mul = K2 + len * 2L;
      long a = fetch32(s, o);
      return hash16(len + (a << 3), fetch32(s, o + len - 4), mul);
    }
    if (len > 0) {
      int a = s[o] & 0xff;
      int b = s[o + (len >> 1)] & 0xff;
      int c = s[o + len - 1] & 0xff;
      long y = a + ((long) b << 8);
      long z = len + ((long) c << 2);
      return shiftMix(y * K2 ^ z * K0) * K2;
    }
    return K2;
  }

  private static long len17to32(byte[] s, int o, int len) {
    long mul = K2 + len * 2L;
    long a = fetch64(s, o) * K1;
    long b = fetch64(s, o + 8);
    long c = fetch64(s, o + len - 8) * mul;
    long d = fetch64(s, o + len - 16) * K2;
    return hash16(Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d,
        a + Long.rotateRight(b + K2, 18) + c, mul);
  }

  private static long len33to64(byte[] s, int o, int len) {
    long mul = K2 + len * 2L;
    long a = fetch64(s, o) * K2;
    long b = fetch64(s, o + 8);
    long c = fetch64(s, o + len - 8) * mul;
    long d = fetch64(s, o + len - 16) * K2;
    long y = Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d;
    long z = hash16(y, a + Long.rotateRight(b + K2, 18) + c, mul);
    long e = fetch64(s, o + 16) * mul;
    long f = fetch64(s, o + 24);
    long g = (y + fetch64(s, o + len - 32)) * mul;
    long h = (z + fetch64(s, o + len - 24)) * mul;
    return hash16(Long.rotateRight(e + f, 43) + Long.rotateRight(g, 30) + h,
        e + Long.rotateRight(f + a, 18) + g, mul);
  }

  /** Mixes 32 bytes at {@code s[i]} with two seeds into {@code out[0..1]}. */
  private static void weak32(byte[] s, int i, long a, long b, long[] out) {
    long w = fetch64(s, i);
    long x = fetch64(s, i + 8);
    long y = fetch64(s, i + 16);
    long z = fetch64(s, i + 24);
    a += w;
    b = Long.rotateRight(b + a + z, 21);
    long c = a;
    a += x;
    a += y;
    b += Long.rotateRight(a, 44);
    out[0] = a + z;
    out[1] = b + c;
  }

  private static long longer(byte[] s, int o, int len) {
    final long seed = 81;
    long x = seed;
    long y = seed * K1 + 113;
    long z = shiftMix(y * K2 + 113) * K2;
    long[] v = new long[2];
    long[] w = new long[2];
    x = x * K2 + fetch64(s, o);
    int end = o + ((len - 1) / 64) * 64;
    int last64 = end + ((len - 1) & 63) - 63;
    int p = o;
    do {
      x = Long.rotateRight(x + y + v[0] + fetch64(s, p + 8), 37) * K1;
      y = Long.rotateRight(y + v[1] + fetch64(s, p + 48), 42) * K1;
      x ^= w[1];
      y += v[0] + fetch64(s, p + 40);
      z = Long.rotateRight(z + w[0], 33) * K1;
      weak32(s, p, v[1] * K1, x + w[0], v);
      weak32(s, p + 32, z + w[1], y + fetch64(s, p + 16), w);
      long t = z;
      z = x;
      x = t;
      p += 64;
    } while (p != end);
    long mul = K1 + ((z & 0xff) << 1);
    p = last64;
    w[0] += (len - 1) & 63;
    v[0] += w[0];
    w[0] += v[0];
    x = Long.rotateRight(x + y + v[0] + fetch64(s, p + 8), 37) * mul;
    y = Long.rotateRight(y + v[1] + fetch64(s, p + 48), 42) * mul;
    x ^= w[1] * 9;
    y += v[0] * 9 + fetch64(s, p + 40);
    z = Long.rotateRight(z + w[0], 33) * mul;
    weak32(s, p, v[1] * mul, x + w[0], v);
    weak32(s, p + 32, z + w[1], y + fetch64(s, p + 16), w);
    long t = z;
    z = x;
    x = t;
    return hash16(hash16(v[0], w[0], mul) + shiftMix(y) * K0 + z, hash16(v[1], w[1], mul) + x,
        mul);
  }
}
