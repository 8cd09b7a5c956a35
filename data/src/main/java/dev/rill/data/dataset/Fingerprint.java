package dev.rill.data.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A 64-bit hash of a pipeline's configuration, built by {@link Source#describe} walking the
 * pipeline. It depends only on values whose hashes the Java specification fixes (strings' bytes,
 * longs), so the same pipeline has the same fingerprint in every JVM and a saved position can be
 * checked against the pipeline it is restored into.
 */
public final class Fingerprint {
  private long h = 0xCBF29CE484222325L;

  /** The fingerprint of the pipeline ending at {@code source}; never 0. */
  public static long of(Source<?> source) {
    return new Fingerprint().add(source).value();
  }

  public Fingerprint add(long v) {
    for (int i = 0; i < 8; i++) {
      h = (h ^ (v & 0xFF)) * 0x100000001B3L;
      v >>>= 8;
    }
    return this;
  }

  public Fingerprint add(boolean v) {
    return add(v ? 1 : 0);
  }

  /** A string, length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
  public Fingerprint add(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    add(b.length);
    for (byte x : b) {
      h = (h ^ (x & 0xFF)) * 0x100000001B3L;
    }
    return this;
  }

  public Fingerprint add(int[] v) {
    add(v.length);
    for (int x : v) {
      add(x);
    }
    return this;
  }

  /** An input node and, through it, everything upstream. */
  public Fingerprint add(Source<?> input) {
    add("(");
    input.describe(this);
    return add(")");
  }

  /** Files by their names as given and their sizes (-1 when missing), not their contents. */
  public Fingerprint addFiles(List<Path> files) {
    add(files.size());
    for (Path p : files) {
      add(p.toString());
      long size;
      try {
        size = Files.size(p);
      } catch (IOException e) {
        size = -1;
      }
      add(size);
    }
    return this;
  }

  /** The hash so far; never 0 (0 means "no fingerprint" to the Estimator). */
  public long value() {
    long v = SplitMix.mix(h);
    return v == 0 ? 1 : v;
  }
}
