package dev.rill.bench.peers;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Points DJL at the libtorch that ships in the pytorch-native-cpu jar, never the network, and
 * sizes libtorch's thread pools. DJL reads these properties once, when the engine loads.
 */
final class PyTorchSetup {
  static final String ENGINE = "PyTorch";

  private PyTorchSetup() {}

  /** Sets the properties and loads the engine; returns libtorch's intra-op thread count. */
  static synchronized int configure(int threads) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.default_engine", ENGINE);
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
    // DJL would otherwise turn on TorchScript's graph optimizer, which eager code never uses
    System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    Engine.getEngine(ENGINE);
    int intra = JniUtils.getNumThreads();
    int inter = JniUtils.getNumInteropThreads();
    if (intra != threads || inter != threads) {
      throw new IllegalStateException("libtorch runs " + intra + " intra-op and " + inter
          + " inter-op threads, asked for " + threads);
    }
    return intra;
  }
}
