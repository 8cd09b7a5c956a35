package dev.rill.data.dataset;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Applies a function on a pool of {@code parallelism} threads, as {@code map} with
 * {@code num_parallel_calls} and {@code deterministic=True}: the input is read on the consumer's
 * thread, up to {@code parallelism} elements are in flight, and results come out in input order,
 * so the output is the same whatever the parallelism. The pool belongs to the pass: it starts
 * with the first element and stops at the end of the pass or on {@link Cursor#close()}.
 */
final class ParallelMapOp<T, R> implements Source<R> {
  private final Source<T> input;
  private final int parallelism;
  private final Function<? super T, ? extends R> fn;

  ParallelMapOp(Source<T> input, int parallelism, Function<? super T, ? extends R> fn) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelMap: parallelism must be >= 1, got "
          + parallelism);
    }
    this.input = input;
    this.parallelism = parallelism;
    this.fn = fn;
  }

  private record Pending<R>(long index, Future<R> result) {}

  @Override
  public Cursor<R> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private final ArrayDeque<Pending<R>> inFlight = new ArrayDeque<>(parallelism);
      private ExecutorService pool;
      private boolean inputDone;
      private boolean closed;
      private long index;

      @Override
      public R next() {
        if (closed) {
          return null;
        }
        while (!inputDone && inFlight.size() < parallelism) {
          T e = in.next();
          if (e == null) {
            inputDone = true;
            break;
          }
          long i = index++;
          if (pool == null) {
            pool = Executors.newFixedThreadPool(parallelism, DaemonThreads.factory("map"));
          }
          inFlight.add(new Pending<>(i, pool.submit(() -> MapOp.apply(fn, e, i, "parallelMap",
              context))));
        }
        Pending<R> head = inFlight.poll();
        if (head == null) {
          stopPool();
          return null;
        }
        try {
          return head.result().get();
        } catch (ExecutionException ex) {
          Throwable cause = ex.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw DatasetException.functionFailed("parallelMap", head.index(), context, cause);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new DatasetException("parallelMap: interrupted while waiting for element "
              + head.index(), ex);
        } catch (CancellationException ex) {
          throw new DatasetException("parallelMap: element " + head.index() + " was cancelled",
              ex);
        }
      }

      @Override
      public long skip(long n) {
        long k = 0;
        while (k < n && !inFlight.isEmpty()) {
          inFlight.poll().result().cancel(true);
          k++;
        }
        long s = in.skip(n - k);
        index += s;
        return k + s;
      }

      private void stopPool() {
        if (pool != null) {
          pool.shutdownNow();
          pool = null;
        }
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          for (Pending<R> p : inFlight) {
            p.result().cancel(true);
          }
          inFlight.clear();
          stopPool();
          in.close();
        }
      }
    };
  }

  /** Parallelism is left out: it does not change the output. */
  @Override
  public void describe(Fingerprint f) {
    f.add("map").add(input);
  }
}
