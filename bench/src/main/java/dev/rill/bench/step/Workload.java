package dev.rill.bench.step;

/**
 * One timed unit of work on one engine: a training step or an inference of a fixed batch. The
 * same workload is built for Rill and for each peer engine, on the same shapes and data.
 */
public interface Workload extends AutoCloseable {
  /** The engine that runs it: {@code rill}, {@code tensorflow} or {@code pytorch}. */
  String engine();

  /** Examples one {@link #run()} processes (the batch size). */
  int examples();

  /** Runs one step; returns a number derived from the result, so the work cannot be skipped. */
  double run();

  @Override
  default void close() {}
}
