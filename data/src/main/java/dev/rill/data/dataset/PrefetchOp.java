package dev.rill.data.dataset;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ahead of the consumer on a thread of its own into a queue of {@code bufferSize}
 * elements, as {@code prefetch}. The thread starts with the first element and owns the input
 * cursor from then on; a failure on it reaches the consumer with the element it would have
 * produced; closing the cursor stops the thread and waits for it. Skips before the first element
 * (restoring a position) go straight to the input.
 */
final class PrefetchOp<T> implements Source<T> {
  private static final Logger LOG = LoggerFactory.getLogger(PrefetchOp.class);
  private static final Object END = new Object();

  private final Source<T> input;
  private final int bufferSize;

  PrefetchOp(Source<T> input, int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("prefetch: the buffer size must be >= 1, got "
          + bufferSize);
    }
    this.input = input;
    this.bufferSize = bufferSize;
  }

  /** A failure of the producer, passed through the queue in order. */
  private record Failure(Throwable error) {}

  @Override
  public Cursor<T> open(OpenContext context) {
    return new PrefetchCursor(input.open(context));
  }

  private final class PrefetchCursor implements Cursor<T> {
    private final Cursor<T> in;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(bufferSize);
    private Thread producer;
    private volatile boolean closed;
    private boolean finished;
    private Throwable failure;

    PrefetchCursor(Cursor<T> in) {
      this.in = in;
    }

    private void produce() {
      try {
        while (!closed) {
          T e = in.next();
          queue.put(e == null ? END : e);
          if (e == null) {
            return;
          }
        }
      } catch (InterruptedException e) {
        // close() asked us to stop.
      } catch (Throwable t) {
        if (!closed) {
          try {
            queue.put(new Failure(t));
          } catch (InterruptedException e) {
            // closing anyway
          }
        }
      } finally {
        in.close();
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
      if (finished) {
        return rethrow();
      }
      if (closed) {
        return null;
      }
      if (producer == null) {
        producer = DaemonThreads.factory("prefetch").newThread(this::produce);
        producer.start();
      }
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DatasetException("prefetch: interrupted while waiting for the next element", e);
      }
      if (o == END) {
        finished = true;
        return null;
      }
      if (o instanceof Failure f) {
        finished = true;
        failure = f.error();
        return rethrow();
      }
      return (T) o;
    }

    /** After a failure every call fails the same way; after the end, null. */
    private T rethrow() {
      if (failure == null) {
        return null;
      }
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      throw new DatasetException("prefetch: the input failed: " + failure, failure);
    }

    @Override
    public long skip(long n) {
      if (producer == null && !closed) {
        return in.skip(n);
      }
      return Cursor.super.skip(n);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (producer == null) {
        in.close();
        return;
      }
      producer.interrupt();
      queue.clear();
      try {
        producer.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (producer.isAlive()) {
        LOG.warn("prefetch: the reading thread {} did not stop within 10 s of close(); it will"
            + " close its input when its current element is done", producer.getName());
      }
      queue.clear();
    }
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("prefetch").add(input);
  }
}
