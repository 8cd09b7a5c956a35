package dev.rill.bench;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.gemm.Sgemm;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.nn.FusedOps;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One layer op at a time, on the shapes of the MNIST tutorial's CNN (batch 100) and of the
 * CIFAR-10 tutorial's (batch 128, 24x24 crops): convolutions forward with their bias and relu and
 * both gradients, max-pooling and its gradient, LRN and its gradient, softmax cross-entropy, an
 * elementwise chain and a reduction. Times are per call, in milliseconds; {@code
 * TensorFlowOpTimes} in {@code bench/peers} times the MNIST ones on TensorFlow.
 *
 * {@snippet :
 * // java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar LayerBench \
 * //   -p op=mnist_conv2,mnist_conv2_dx -wi 2 -i 3
 * }
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseG1GC",
    "-XX:GCTimeRatio=4", "-Xms64m"})
public class LayerBench {
  private static final int[] UNIT = {1, 1, 1, 1};
  private static final int[] POOL_2 = {1, 2, 2, 1};
  private static final int[] POOL_3 = {1, 3, 3, 1};

  /**
   * {@code mnist_conv1}, {@code mnist_conv2}: 5x5 convolutions (1 -> 32 channels on 28x28, 32 ->
   * 64 on 14x14) with bias and relu; {@code _dx} and {@code _dw} their input and filter
   * gradients. {@code cifar_conv1}, {@code cifar_conv2}: 5x5, 3 -> 64 on 24x24 and 64 -> 64 on
   * 12x12. {@code mnist_pool1} 2x2/2 on 28x28x32, {@code cifar_pool1} 3x3/2 on 24x24x64, with
   * {@code _grad} their gradients; {@code cifar_lrn} (radius 4, the tutorial's) on 12x12x64 and
   * its gradient; {@code softmax_ce} sparse softmax cross-entropy of 128 x 1000 logits;
   * {@code elementwise} relu(x * a + b) over 1M floats; {@code reduce} a column sum of
   * 1000 x 1000.
   */
  @Param({"mnist_conv1", "mnist_conv2", "mnist_conv2_dx", "mnist_conv2_dw", "mnist_conv1_dw",
      "cifar_conv1", "cifar_conv2", "cifar_conv2_dx", "cifar_conv2_dw", "mnist_pool1",
      "mnist_pool1_grad", "cifar_pool1", "cifar_pool1_grad", "cifar_lrn", "cifar_lrn_grad",
      "softmax_ce", "elementwise", "reduce"})
  public String op;

  private Supplier<Tensor> call;

  @Setup
  public void setUp() throws InterruptedException {
    // time the compiled vector kernels, not the scalar twins that run while C2 compiles them
    Sgemm.awaitVectorKernels(60_000);
    SplittableRandom r = new SplittableRandom(42);
    call = switch (op) {
      case "mnist_conv1" -> conv(r, 100, 28, 28, 1, 32);
      case "mnist_conv2" -> conv(r, 100, 14, 14, 32, 64);
      case "mnist_conv2_dx" -> convInputGradient(r, 100, 14, 14, 32, 64);
      case "mnist_conv2_dw" -> convFilterGradient(r, 100, 14, 14, 32, 64);
      case "mnist_conv1_dw" -> convFilterGradient(r, 100, 28, 28, 1, 32);
      case "cifar_conv1" -> conv(r, 128, 24, 24, 3, 64);
      case "cifar_conv2" -> conv(r, 128, 12, 12, 64, 64);
      case "cifar_conv2_dx" -> convInputGradient(r, 128, 12, 12, 64, 64);
      case "cifar_conv2_dw" -> convFilterGradient(r, 128, 12, 12, 64, 64);
      case "mnist_pool1" -> pool(r, 100, 28, 28, 32, POOL_2, false);
      case "mnist_pool1_grad" -> pool(r, 100, 28, 28, 32, POOL_2, true);
      case "cifar_pool1" -> pool(r, 128, 24, 24, 64, POOL_3, false);
      case "cifar_pool1_grad" -> pool(r, 128, 24, 24, 64, POOL_3, true);
      case "cifar_lrn" -> lrn(r, false);
      case "cifar_lrn_grad" -> lrn(r, true);
      case "softmax_ce" -> softmaxCrossEntropy(r);
      case "elementwise" -> elementwise(r);
      case "reduce" -> reduce(r);
      default -> throw new IllegalArgumentException("unknown op " + op);
    };
  }

  @Benchmark
  public Tensor run() {
    return call.get();
  }

  private static Supplier<Tensor> conv(SplittableRandom r, int n, int h, int w, int c, int k) {
    Tensor x = random(r, n, h, w, c);
    Tensor f = random(r, 5, 5, c, k);
    Tensor b = random(r, k);
    return () -> NnOps.fusedConv2d(x, f, b, UNIT, "SAME", UNIT, FusedOps.BIAS_ADD_RELU);
  }

  private static Supplier<Tensor> convInputGradient(SplittableRandom r, int n, int h, int w,
      int c, int k) {
    Tensor f = random(r, 5, 5, c, k);
    Tensor dy = random(r, n, h, w, k);
    Shape in = Shape.of(n, h, w, c);
    return () -> NnOps.conv2dBackpropInput(in, f, dy, UNIT, "SAME");
  }

  private static Supplier<Tensor> convFilterGradient(SplittableRandom r, int n, int h, int w,
      int c, int k) {
    Tensor x = random(r, n, h, w, c);
    Tensor dy = random(r, n, h, w, k);
    Shape filter = Shape.of(5, 5, c, k);
    return () -> NnOps.conv2dBackpropFilter(x, filter, dy, UNIT, "SAME");
  }

  private static Supplier<Tensor> pool(SplittableRandom r, int n, int h, int w, int c,
      int[] window, boolean gradient) {
    Tensor x = random(r, n, h, w, c);
    if (!gradient) {
      return () -> NnOps.maxPool(x, window, POOL_2, "SAME");
    }
    Tensor y = NnOps.maxPool(x, window, POOL_2, "SAME");
    Tensor dy = random(r, y.shape().dims());
    return () -> NnOps.maxPoolGrad(x, y, dy, window, POOL_2, "SAME");
  }

  private static Supplier<Tensor> lrn(SplittableRandom r, boolean gradient) {
    Tensor x = random(r, 128, 12, 12, 64);
    float alpha = 0.001f / 9;
    if (!gradient) {
      return () -> NnOps.lrn(x, 4, 1, alpha, 0.75f);
    }
    Tensor y = NnOps.lrn(x, 4, 1, alpha, 0.75f);
    Tensor dy = random(r, 128, 12, 12, 64);
    return () -> NnOps.lrnGrad(dy, x, y, 4, 1, alpha, 0.75f);
  }

  private static Supplier<Tensor> softmaxCrossEntropy(SplittableRandom r) {
    Tensor logits = random(r, 128, 1000);
    int[] classes = new int[128];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = r.nextInt(1000);
    }
    Tensor labels = Tensor.wrap(DType.INT32, Shape.of(128), classes);
    return () -> NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
  }

  private static Supplier<Tensor> elementwise(SplittableRandom r) {
    Tensor x = random(r, 1000, 1000);
    Tensor a = random(r, 1000);
    Tensor b = random(r, 1000);
    return () -> MathOps.relu(MathOps.add(MathOps.mul(x, a), b));
  }

  private static Supplier<Tensor> reduce(SplittableRandom r) {
    Tensor x = random(r, 1000, 1000);
    return () -> ReduceOps.sum(x, new int[] {0}, false);
  }

  private static Tensor random(SplittableRandom r, int... dims) {
    float[] v = new float[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(-1, 1);
    }
    return Tensor.wrap(DType.FLOAT32, Shape.of(dims), v);
  }
}
