package dev.rill.bench.step;

/**
 * The MNIST CNN workloads of the speed comparison: the tutorial's model (conv 5x5x32 same relu,
 * pool 2, conv 5x5x64 same relu, pool 2, dense 1024 relu, dropout 0.4, dense 10), plain SGD.
 */
public enum MnistTask {
  /** One SGD step (forward, backward, update) on a batch of 100, dropout active. */
  TRAIN_100("mnist_train_b100", 100, true),
  /** Class probabilities for a batch of 100. */
  INFER_100("mnist_infer_b100", 100, false),
  /** Class probabilities for one image: the latency case. */
  INFER_1("mnist_infer_b1", 1, false);

  /** Learning rate of the training workload (the tutorial's). */
  public static final float LEARNING_RATE = 0.001f;

  private final String key;
  private final int batch;
  private final boolean training;

  MnistTask(String key, int batch, boolean training) {
    this.key = key;
    this.batch = batch;
    this.training = training;
  }

  /** The workload's name in tables and JSON. */
  public String key() {
    return key;
  }

  public int batch() {
    return batch;
  }

  public boolean training() {
    return training;
  }
}
