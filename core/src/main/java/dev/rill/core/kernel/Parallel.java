package dev.rill.core.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread pool kernels share, sized to the cores. Work is split into ranges no smaller than
 * a grain, so small tensors run on the calling thread.
 *
 * {@snippet :
 * Parallel.range(n, 4096, (from, to) -> {
 *   for (int i = from; i < to; i++) out[i] = in[i] * 2;
 * });
 * }
 *
 * <p>The calling thread works too: it and the pool's threads take chunks from a shared counter
 * until none are left, and the caller then waits only for chunks a pool thread has started. A
 * pool thread that wakes late (waking one costs tens of microseconds, more on a busy machine)
 * finds the work done instead of holding the caller up. Chunk bounds depend only on {@code n}
 * and the chunk count, never on which thread runs a chunk.
 */
public final class Parallel {
  private static final int THREADS = Integer.getInteger("rill.threads",
      Runtime.getRuntime().availableProcessors());
  /** Helpers besides the caller: together they are one thread per core. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Math.max(1, THREADS - 1), Thread.ofPlatform().daemon().name("rill-kernel-", 0).factory());
  /** Bound while a thread runs chunks of a parallel loop: nested loops run inline. */
  private static final ScopedValue<Boolean> IN_LOOP = ScopedValue.newInstance();
  /** Spins before parking while the last chunks finish elsewhere: they are usually short. */
  private static final int SPINS = 1 << 12;

  private Parallel() {}

  /** A body that handles indices {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  public static int threads() {
    return THREADS;
  }

  /**
   * Whether the caller is running a chunk of a parallel loop, where {@link #range} runs inline: a
   * kernel called from inside a parallel loop should not cut its own work into tasks.
   */
  public static boolean inPool() {
    return IN_LOOP.isBound();
  }

  /**
   * Runs {@code body} over {@code [0, n)} in chunks of at least {@code grain} indices, on the
   * calling thread and the shared pool. Returns when every chunk is done; the first exception a
   * chunk throws is rethrown.
   */
  public static void range(int n, int grain, RangeBody body) {
    if (n <= 0) {
      return;
    }
    int chunks = Math.min(THREADS * 4, Math.max(1, n / Math.max(1, grain)));
    if (chunks <= 1 || THREADS == 1 || inPool()) {
      body.run(0, n);
      return;
    }
    new Loop(body, n, chunks).run(Math.min(THREADS - 1, chunks - 1));
  }

  /** One parallel loop: chunks handed out by a counter to whichever thread asks first. */
  private static final class Loop implements Runnable {
    private final RangeBody body;
    private final int n;
    private final int chunks;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread caller = Thread.currentThread();

    Loop(RangeBody body, int n, int chunks) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
    }

    void run(int helpers) {
      for (int i = 0; i < helpers; i++) {
        POOL.execute(this);
      }
      run();
      for (int spin = 0; done.get() < chunks; spin++) {
        if (spin < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      Throwable t = failure.get();
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }

    /** Takes chunks until none are left. */
    @Override
    public void run() {
      ScopedValue.where(IN_LOOP, Boolean.TRUE).run(() -> {
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
          try {
            if (failure.get() == null) {
              body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            if (done.incrementAndGet() == chunks && Thread.currentThread() != caller) {
              LockSupport.unpark(caller);
            }
          }
        }
      });
    }
  }
}
