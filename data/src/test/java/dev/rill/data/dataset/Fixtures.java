package dev.rill.data.dataset;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the dataset tests. */
final class Fixtures {
  private Fixtures() {}

  /** A tensor's values as longs (any real dtype). */
  static long[] longs(Tensor t) {
    long[] out = new long[t.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) t.getDouble(i);
    }
    return out;
  }

  /** An int64 vector {@code [from, from + 1, ..., from + n - 1]}. */
  static Tensor seq(long from, int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + i;
    }
    return Tensor.of(Shape.of(n), v);
  }

  /** Live pipeline threads (parallel map pools, prefetchers). */
  static List<Thread> pipelineThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(DaemonThreads.PREFIX) && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Waits (up to 5 s) for every pipeline thread to end; returns those still alive. */
  static List<Thread> awaitNoPipelineThreads() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<Thread> alive = pipelineThreads();
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      for (Thread t : alive) {
        t.join(50);
      }
      alive = pipelineThreads();
    }
    return alive;
  }
}
