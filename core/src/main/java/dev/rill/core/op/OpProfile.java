package dev.rill.core.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time spent in each op's kernel, by op name, for finding where a step goes. Off unless the
 * JVM starts with {@code -Drill.profile.ops=true}; when off, {@link Eager} pays one constant
 * check, which the JIT folds away.
 *
 * {@snippet :
 * // java -Drill.profile.ops=true ...; then, after some steps:
 * System.out.println(OpProfile.table());
 * }
 */
public final class OpProfile {
  /** Whether kernels are timed; fixed at class load. */
  public static final boolean ENABLED = Boolean.getBoolean("rill.profile.ops");

  private static final Map<String, long[]> TOTALS = new ConcurrentHashMap<>();
  private static final LongAdder CALLS = new LongAdder();

  private OpProfile() {}

  static void add(String op, long nanos) {
    long[] t = TOTALS.computeIfAbsent(op, k -> new long[2]);
    synchronized (t) {
      t[0] += nanos;
      t[1]++;
    }
    CALLS.increment();
  }

  /** Forgets what was timed so far (say, after warm-up). */
  public static void reset() {
    TOTALS.clear();
    CALLS.reset();
  }

  /** Ops by total time, most first: name, calls, total milliseconds, share of all op time. */
  public static String table() {
    List<Map.Entry<String, long[]>> rows = new ArrayList<>(TOTALS.entrySet());
    rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
    long all = rows.stream().mapToLong(e -> e.getValue()[0]).sum();
    StringBuilder sb = new StringBuilder(String.format("%-28s %8s %10s %6s%n", "op", "calls", "ms",
        "share"));
    for (Map.Entry<String, long[]> e : rows) {
      long[] t = e.getValue();
      sb.append(String.format("%-28s %8d %10.1f %5.1f%%%n", e.getKey(), t[1], t[0] / 1e6,
          100.0 * t[0] / Math.max(1, all)));
    }
    return sb.toString();
  }
}
