package dev.rill.bench.peers;

import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.bench.step.RillMnist;
import dev.rill.bench.step.StepTimer;
import dev.rill.bench.step.Workload;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.gemm.Sgemm;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rill against TensorFlow and PyTorch on the MNIST CNN steps, and against OpenBLAS on SGEMM, in
 * one JVM with the same thread count for every engine. Prints a table, then one JSON line.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Drill.threads=2 \
 *     -cp ... dev.rill.bench.peers.PeerMain --threads 2 [--rounds 7] [--round-seconds 1]
 *     [--warmup-seconds 3] [--tasks TRAIN_100,INFER_100,INFER_1] [--no-sgemm]
 * java ... PeerMain --threads 2 --startup rill|tensorflow|pytorch [--steps 200]
 * </pre>
 *
 * <p>Columns are examples per second for the batch-100 workloads and milliseconds per image for
 * the batch-1 latency; the ratio is always oriented so that 1.0 or more means Rill is at least as
 * good as the best peer.
 */
public final class PeerMain {
  static final List<String> ENGINES = List.of("rill", "tensorflow", "pytorch");
  /** Seed of the batch and of the peers' shared initial weights. */
  private static final long SEED = 1;

  private PeerMain() {}

  /** One workload's three figures and how they compare. */
  record Row(String key, String unit, double rill, double tensorflow, double pytorch,
      boolean lowerIsBetter) {
    /** Rill against the best peer, 1.0 or more when Rill is at least as good. */
    double ratio() {
      return lowerIsBetter
          ? Math.min(tensorflow, pytorch) / rill
          : rill / Math.max(tensorflow, pytorch);
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Options o = Options.parse(args);
    if (Parallel.threads() != o.threads) {
      System.err.printf("Rill runs %d threads (its pool is sized by -Drill.threads at start-up) "
          + "but --threads is %d: start the JVM with -Drill.threads=%d%n",
          Parallel.threads(), o.threads, o.threads);
      System.exit(2);
    }
    if (o.startup != null) {
      StartupProbe.run(o.startup, o.threads, o.steps);
      return;
    }
    PyTorchSetup.configure(o.threads);
    SelfCheck.run(o.threads);

    // Rill's sgemm runs scalar code until C2 has compiled its vector kernels: wait for them
    Sgemm.awaitVectorKernels(120_000);
    List<Row> rows = new ArrayList<>();
    for (MnistTask task : o.tasks) {
      rows.add(compare(task, o));
    }
    SgemmComparison.Result gemm = null;
    if (o.sgemm) {
      SgemmComparison sgemm = new SgemmComparison(1024, o.threads);
      gemm = sgemm.measure(o.rounds, o.roundSeconds);
      double diff = sgemm.disagreement();
      System.out.printf(Locale.ROOT, "check: rill and openblas sgemm agree within %.1e "
          + "(relative to the largest element)%n", diff);
      if (diff > 1e-4) {
        throw new IllegalStateException("Rill's and OpenBLAS's sgemm differ by " + diff);
      }
    }
    printTable(rows, gemm, o);
    System.out.println(json(rows, gemm, o.threads));
  }

  /** Builds the three workloads of a task and times them in alternating rounds. */
  private static Row compare(MnistTask task, Options o) {
    MnistBatch batch = MnistBatch.random(task.batch(), SEED);
    MnistWeights init = MnistWeights.glorot(SEED);
    List<Workload> ws = List.of(new RillMnist(task, batch),
        new TensorFlowMnist(task, batch, init, o.threads), new PyTorchMnist(task, batch, init));
    try {
      int[] runs = new int[ws.size()];
      for (int e = 0; e < ws.size(); e++) {
        runs[e] = warmUp(ws.get(e), o.warmupSeconds, o.roundSeconds);
      }
      // round by round, so load from elsewhere on the machine hits every engine alike
      double[][] ms = new double[ws.size()][o.rounds];
      for (int r = 0; r < o.rounds; r++) {
        for (int e = 0; e < ws.size(); e++) {
          ms[e][r] = StepTimer.medianMillis(ws.get(e), 0, 1, runs[e]);
        }
      }
      double[] median = Arrays.stream(ms).mapToDouble(PeerMain::median).toArray();
      System.out.printf(Locale.ROOT, "%s ms per run by round: rill %s, tensorflow %s, pytorch %s%n",
          task.key(), fmt(ms[0]), fmt(ms[1]), fmt(ms[2]));
      if (task.batch() == 1) {
        return new Row(task.key(), "ms/image", median[0], median[1], median[2], true);
      }
      double[] perSecond = Arrays.stream(median).map(m -> task.batch() * 1000 / m).toArray();
      return new Row(task.key(), "examples/s", perSecond[0], perSecond[1], perSecond[2], false);
    } finally {
      ws.forEach(Workload::close);
    }
  }

  /**
   * Runs {@code w} for {@code seconds} (at least three runs) so JIT, caches and pools settle;
   * returns how many runs fill a round of {@code roundSeconds}.
   */
  static int warmUp(Workload w, double seconds, double roundSeconds) {
    long start = System.nanoTime();
    long last = start;
    double lastMs = 0;
    int n = 0;
    while (n < 3 || System.nanoTime() - start < seconds * 1e9) {
      w.run();
      long now = System.nanoTime();
      lastMs = (now - last) / 1e6;
      last = now;
      n++;
    }
    return Math.max(1, (int) Math.round(roundSeconds * 1000 / lastMs));
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v[i]));
    }
    return b.append(']').toString();
  }

  private static void printTable(List<Row> rows, SgemmComparison.Result gemm, Options o) {
    System.out.printf(Locale.ROOT, "%nthreads=%d, median of %d alternating rounds of ~%.1f s%n",
        o.threads, o.rounds, o.roundSeconds);
    String head = "%-18s %12s %12s %12s %10s  %s%n";
    String line = "%-18s %12.2f %12.2f %12.2f %10.3f  %s%n";
    System.out.printf(Locale.ROOT, head, "workload", "rill", "tensorflow", "pytorch",
        "rill/best", "unit");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, line, r.key(), r.rill(), r.tensorflow(), r.pytorch(),
          r.ratio(), r.unit() + (r.lowerIsBetter() ? " (lower is better; ratio = best/rill)" : ""));
    }
    if (gemm != null) {
      System.out.printf(Locale.ROOT, "%-18s %12.2f %12s %12s %10.3f  %s%n", "sgemm_1024",
          gemm.rill(), "-", "-", gemm.ratio(), "GFLOP/s (peer: OpenBLAS " + String.format(
              Locale.ROOT, "%.2f", gemm.openblas()) + ")");
    }
  }

  static String json(List<Row> rows, SgemmComparison.Result gemm, int threads) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (Row r : rows) {
      parts.put(r.key(), String.format(Locale.ROOT,
          "{\"rill\": %s, \"tensorflow\": %s, \"pytorch\": %s, \"ratio\": %s}",
          num(r.rill()), num(r.tensorflow()), num(r.pytorch()), num(r.ratio())));
    }
    if (gemm != null) {
      parts.put("sgemm_1024", String.format(Locale.ROOT,
          "{\"rill\": %s, \"openblas\": %s, \"ratio\": %s}",
          num(gemm.rill()), num(gemm.openblas()), num(gemm.ratio())));
    }
    StringBuilder b = new StringBuilder("{");
    parts.forEach((k, v) -> b.append('"').append(k).append("\": ").append(v).append(", "));
    return b.append("\"threads\": ").append(threads).append('}').toString();
  }

  /** Four significant digits are more than the noise allows. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** The command line. */
  static final class Options {
    int threads = Parallel.threads();
    int rounds = 7;
    double roundSeconds = 1.0;
    double warmupSeconds = 3.0;
    List<MnistTask> tasks = List.of(MnistTask.values());
    boolean sgemm = true;
    String startup;
    int steps = 200;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--threads" -> o.threads = Integer.parseInt(args[++i]);
          case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
          case "--round-seconds" -> o.roundSeconds = Double.parseDouble(args[++i]);
          case "--warmup-seconds" -> o.warmupSeconds = Double.parseDouble(args[++i]);
          case "--tasks" -> o.tasks = parseTasks(args[++i]);
          case "--no-sgemm" -> o.sgemm = false;
          case "--startup" -> o.startup = engine(args[++i]);
          case "--steps" -> o.steps = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      if (o.threads < 1 || o.rounds < 1 || o.steps < 1) {
        throw new IllegalArgumentException("--threads, --rounds and --steps must be positive");
      }
      return o;
    }

    /** Enum names or keys, comma-separated: {@code TRAIN_100,mnist_infer_b1}. */
    private static List<MnistTask> parseTasks(String list) {
      List<MnistTask> out = new ArrayList<>();
      for (String t : list.split(",")) {
        if (t.isBlank() || t.equals("none")) {
          continue;
        }
        out.add(Arrays.stream(MnistTask.values())
            .filter(m -> m.name().equalsIgnoreCase(t) || m.key().equalsIgnoreCase(t))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown task " + t)));
      }
      return out;
    }

    private static String engine(String e) {
      if (!ENGINES.contains(e)) {
        throw new IllegalArgumentException("--startup takes one of " + ENGINES + ", got " + e);
      }
      return e;
    }
  }
}
