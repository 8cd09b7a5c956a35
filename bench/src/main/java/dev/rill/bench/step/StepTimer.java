package dev.rill.bench.step;

import dev.rill.core.op.OpProfile;
import java.util.Arrays;

/**
 * Times a workload outside JMH, as the peer comparison does: warm-up runs, then several rounds of
 * runs, each round's time per run; the median round is the figure.
 */
public final class StepTimer {
  private StepTimer() {}

  /** Milliseconds per run: the median of {@code rounds} rounds of {@code runs} runs each. */
  public static double medianMillis(Workload w, int warmup, int rounds, int runs) {
    double sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += w.run();
    }
    double[] ms = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        sink += w.run();
      }
      ms[r] = (System.nanoTime() - t0) / 1e6 / runs;
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException(w.engine() + " produced NaN");
    }
    Arrays.sort(ms);
    return ms[rounds / 2];
  }

  /**
   * Runs one Rill workload and prints its time: {@code java ... StepTimer TRAIN_100 [rounds]}.
   * Handy under a profiler.
   */
  public static void main(String[] args) {
    MnistTask task = MnistTask.valueOf(args.length > 0 ? args[0] : "TRAIN_100");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (Workload w = new RillMnist(task, MnistBatch.random(task.batch(), 1))) {
      int runs = task.batch() == 1 ? 200 : 20;
      double ms = medianMillis(w, runs, rounds, runs);
      System.out.printf("%s rill: %.3f ms/step, %.1f examples/s%n", task.key(), ms,
          task.batch() * 1000 / ms);
      if (OpProfile.ENABLED) {
        OpProfile.reset();
        medianMillis(w, 0, 1, runs);
        System.out.printf("kernel time by op over %d steps:%n%s", runs, OpProfile.table());
      }
    }
  }
}
