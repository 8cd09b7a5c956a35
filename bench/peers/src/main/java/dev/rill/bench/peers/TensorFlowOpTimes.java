package dev.rill.bench.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's time for each layer of the MNIST CNN at batch 100, one graph per op, its operands
 * fed from placeholders (constants would be folded away before the first run): the per-op figure
 * to hold Rill's kernels against, as {@code StepTimer -Drill.profile.ops=true} gives Rill's.
 *
 * {@snippet :
 * // cp="bench/peers/target/classes:$(cat bench/peers/target/runtime.classpath)"
 * // java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.rill.bench.peers.TensorFlowOpTimes 1
 * }
 */
public final class TensorFlowOpTimes {
  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

  private TensorFlowOpTimes() {}

  /** One op's graph: placeholders with their values, and the output to fetch. */
  private static final class OpGraph {
    final Map<Operand<TFloat32>, TFloat32> feeds = new LinkedHashMap<>();
    final SplittableRandom random = new SplittableRandom(1);

    Operand<TFloat32> input(Ops tf, long... shape) {
      float[] values = new float[Math.toIntExact(Shape.of(shape).size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextDouble(-0.5, 0.5);
      }
      Placeholder<TFloat32> p = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(shape)));
      feeds.put(p, TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values)));
      return p;
    }
  }

  private record Op(String name, Function<OpGraph, Function<Ops, Operand<TFloat32>>> build) {}

  private static List<Op> ops() {
    List<Op> ops = new ArrayList<>();
    ops.add(new Op("conv1 + bias + relu", o -> tf -> tf.nn.relu(tf.nn.biasAdd(
        tf.nn.conv2d(o.input(tf, 100, 28, 28, 1), o.input(tf, 5, 5, 1, 32), UNIT_STRIDES, "SAME"),
        o.input(tf, 32)))));
    ops.add(new Op("pool1", o -> tf -> pool(tf, o.input(tf, 100, 28, 28, 32))));
    ops.add(new Op("conv2 + bias + relu", o -> tf -> tf.nn.relu(tf.nn.biasAdd(
        tf.nn.conv2d(o.input(tf, 100, 14, 14, 32), o.input(tf, 5, 5, 32, 64), UNIT_STRIDES,
            "SAME"), o.input(tf, 64)))));
    ops.add(new Op("pool2", o -> tf -> pool(tf, o.input(tf, 100, 14, 14, 64))));
    ops.add(new Op("dense1 + bias + relu", o -> tf -> tf.nn.relu(tf.nn.biasAdd(
        tf.linalg.matMul(o.input(tf, 100, 3136), o.input(tf, 3136, 1024)), o.input(tf, 1024)))));
    ops.add(new Op("conv2 input gradient", o -> tf -> tf.nn.conv2dBackpropInput(
        tf.constant(new int[] {100, 14, 14, 32}), o.input(tf, 5, 5, 32, 64),
        o.input(tf, 100, 14, 14, 64), UNIT_STRIDES, "SAME")));
    ops.add(new Op("conv2 filter gradient", o -> tf -> tf.nn.conv2dBackpropFilter(
        o.input(tf, 100, 14, 14, 32), tf.constant(new int[] {5, 5, 32, 64}),
        o.input(tf, 100, 14, 14, 64), UNIT_STRIDES, "SAME")));
    return ops;
  }

  private static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x) {
    return tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}),
        tf.constant(new int[] {1, 2, 2, 1}), "SAME");
  }

  /** Prints each op's best mean time over 8 rounds of ~0.5 s, on {@code args[0]} threads. */
  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads).build();
    System.out.printf(Locale.ROOT, "TensorFlow, %d thread(s), batch 100, best of 8 rounds%n",
        threads);
    for (Op op : ops()) {
      OpGraph o = new OpGraph();
      try (Graph g = new Graph()) {
        Operand<TFloat32> out = op.build().apply(o).apply(Ops.create(g));
        System.out.printf(Locale.ROOT, "%-24s %8.3f ms%n", op.name(), best(g, config, o, out));
      } finally {
        o.feeds.values().forEach(Tensor::close);
      }
    }
  }

  private static double best(Graph g, ConfigProto config, OpGraph o, Operand<TFloat32> out) {
    try (Session session = new Session(g, config)) {
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 8; round++) {
        long t0 = System.nanoTime();
        int runs = 0;
        while (System.nanoTime() - t0 < 500_000_000L) {
          Session.Runner runner = session.runner();
          o.feeds.forEach(runner::feed);
          runner.fetch(out).run().close();
          runs++;
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1e6 / runs);
      }
      return best;
    }
  }
}
