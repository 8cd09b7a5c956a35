package dev.rill.core.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The one thread pool kernels share, sized to the cores. Work is split into ranges no smaller than
 * a grain, so small tensors run on the calling thread.
 *
 * {@snippet :
 * Parallel.range(n, 4096, (from, to) -> {
 *   for (int i = from; i < to; i++) out[i] = in[i] * 2;
 * });
 * }
 */
public final class Parallel {
  private static final int THREADS = Integer.getInteger("rill.threads",
      Runtime.getRuntime().availableProcessors());
  private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS),
      pool -> {
        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("rill-kernel-" + t.getPoolIndex());
        return t;
      }, null, false);

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
   * Whether the caller is one of the pool's threads, where {@link #range} runs inline: a kernel
   * called from inside a parallel loop should not cut its own work into tasks.
   */
  public static boolean inPool() {
    return java.util.concurrent.ForkJoinTask.getPool() == POOL;
  }

  /**
   * Runs {@code body} over {@code [0, n)} in chunks of at least {@code grain} indices, on the shared
   * pool. Returns when every chunk is done.
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
    POOL.invoke(new Chunk(body, n, chunks, 0, chunks));
  }

  private static final class Chunk extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient RangeBody body;
    private final int n;
    private final int chunks;
    private final int lo;
    private final int hi;

    Chunk(RangeBody body, int n, int chunks, int lo, int hi) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    protected void compute() {
      if (hi - lo == 1) {
        int from = (int) ((long) n * lo / chunks);
        int to = (int) ((long) n * hi / chunks);
        body.run(from, to);
        return;
      }
      int mid = (lo + hi) >>> 1;
      invokeAll(new Chunk(body, n, chunks, lo, mid), new Chunk(body, n, chunks, mid, hi));
    }
  }
}
