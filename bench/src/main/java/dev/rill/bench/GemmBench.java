package dev.rill.bench;

import dev.rill.core.kernel.Gemm;
import dev.rill.core.kernel.gemm.Sgemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Gemm#sgemm} on the shapes an MNIST CNN training step multiplies, plus
 * square sizes. JMH prints calls per second, and the {@code gflop} counter as GFLOP/s.
 *
 * {@snippet :
 * // java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar GemmBench
 * }
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
  /**
   * {@code name:m:n:k[:t]} where {@code t} names the transposed operands ({@code a}, {@code b}).
   * conv2 is the second convolution as im2col (batch 100, 14x14 output, 5x5x32 patch, 64 filters);
   * dense1 and dense2 are the fully connected layers of batch 100; dense1_dw is dense1's kernel
   * gradient, {@code x^T * dy}, and dense1_dx its input gradient, {@code dy * W^T}.
   */
  @Param({"conv2:19600:64:800", "dense1:100:1024:3136", "dense2:100:10:1024",
      "dense1_dw:3136:1024:100:a", "dense1_dx:100:3136:1024:b",
      "sq256:256:256:256", "sq512:512:512:512", "sq1024:1024:1024:1024"})
  public String shape;

  private boolean transA;
  private boolean transB;
  private int m;
  private int n;
  private int k;
  private float[] a;
  private float[] b;
  private float[] c;

  /** Floating-point operations done, reported by JMH per second, that is as GFLOP/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    public double gflop;

    @Setup(Level.Iteration)
    public void reset() {
      gflop = 0;
    }
  }

  @Setup
  public void setUp() throws InterruptedException {
    // time the compiled vector kernels, not the scalar ones that stand in while C2 compiles them
    Sgemm.awaitVectorKernels(60_000);
    String[] f = shape.split(":");
    m = Integer.parseInt(f[1]);
    n = Integer.parseInt(f[2]);
    k = Integer.parseInt(f[3]);
    String t = f.length > 4 ? f[4] : "";
    transA = t.contains("a");
    transB = t.contains("b");
    var rnd = new SplittableRandom(42);
    a = new float[m * k];
    b = new float[k * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rnd.nextDouble(-1, 1);
    }
  }

  @Benchmark
  public float[] sgemm(Flops flops) {
    Gemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, c, 0);
    flops.gflop += 2e-9 * m * n * k;
    return c;
  }
}
