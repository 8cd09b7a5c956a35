package dev.rill.data.dataset;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads of pipelines: daemons (an iterator that is never closed must not keep the JVM alive)
 * named {@code rill-dataset-<what>-<n>} so they can be told apart in dumps and tests.
 */
final class DaemonThreads {
  /** Every pipeline thread's name starts with this. */
  static final String PREFIX = "rill-dataset-";
  private static final AtomicLong COUNT = new AtomicLong();

  private DaemonThreads() {}

  static ThreadFactory factory(String what) {
    return r -> {
      Thread t = new Thread(r, PREFIX + what + "-" + COUNT.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
