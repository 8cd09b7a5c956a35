package dev.rill.bench.peers;

import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.bench.step.RillMnist;
import dev.rill.bench.step.Workload;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * What a user waits for and pays in memory with one engine, in a JVM of its own: the time from
 * process start to the end of the first MNIST training step (engine loaded, model built, one step
 * run), then the time of further steps and the peak resident memory (VmHWM) they reach.
 */
final class StartupProbe {
  private StartupProbe() {}

  static void run(String engine, int threads, int steps) throws IOException {
    long processStart = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
        .orElse(ManagementFactory.getRuntimeMXBean().getStartTime());
    long mainStart = System.currentTimeMillis();
    MnistBatch batch = MnistBatch.random(MnistTask.TRAIN_100.batch(), 1);
    Workload w = switch (engine) {
      // its constructor runs the first step, which creates the variables
      case "rill" -> new RillMnist(MnistTask.TRAIN_100, batch);
      case "tensorflow" -> firstStep(new TensorFlowMnist(MnistTask.TRAIN_100, batch,
          MnistWeights.glorot(1), threads));
      case "pytorch" -> {
        PyTorchSetup.configure(threads);
        yield firstStep(new PyTorchMnist(MnistTask.TRAIN_100, batch, MnistWeights.glorot(1)));
      }
      default -> throw new IllegalArgumentException(engine);
    };
    long firstStepEnd = System.currentTimeMillis();
    long t0 = System.nanoTime();
    double loss = 0;
    for (int i = 0; i < steps; i++) {
      loss = w.run();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    w.close();
    System.out.printf(Locale.ROOT, "{\"engine\": \"%s\", \"threads\": %d, \"first_step_ms\": %d, "
            + "\"jvm_to_main_ms\": %d, \"steps\": %d, \"steps_seconds\": %s, \"last_loss\": %s, "
            + "\"peak_rss_mb\": %s}%n",
        engine, threads, firstStepEnd - processStart, mainStart - processStart, steps,
        PeerMain.num(seconds), PeerMain.num(loss), PeerMain.num(peakRssKb() / 1024.0));
  }

  private static Workload firstStep(Workload w) {
    w.run();
    return w;
  }

  /** VmHWM, the peak resident set of this process, in kB. */
  private static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
