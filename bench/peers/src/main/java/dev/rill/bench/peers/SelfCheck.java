package dev.rill.bench.peers;

import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.bench.step.RillMnist;
import java.util.Locale;

/**
 * Checks, before anything is timed, that the three engines compute the same model: a first
 * training loss near ln 10 (ten classes, random weights), probabilities whose rows sum to 1, and
 * TensorFlow and PyTorch, which start from the same weights, giving the same probabilities.
 */
final class SelfCheck {
  private static final double LN10 = Math.log(10);
  private static final double LOSS_SLACK = 0.5;
  private static final double SUM_TOLERANCE = 1e-4;
  private static final double PEER_TOLERANCE = 1e-4;

  private SelfCheck() {}

  static void run(int threads) {
    MnistBatch batch = MnistBatch.random(100, 11);
    MnistWeights init = MnistWeights.glorot(11);
    double rill;
    double tf;
    double torch;
    // RillMnist's constructor runs the first step (it creates the variables); this is the second
    try (RillMnist w = new RillMnist(MnistTask.TRAIN_100, batch)) {
      rill = w.run();
    }
    try (TensorFlowMnist w = new TensorFlowMnist(MnistTask.TRAIN_100, batch, init, threads)) {
      tf = w.run();
    }
    try (PyTorchMnist w = new PyTorchMnist(MnistTask.TRAIN_100, batch, init)) {
      torch = w.run();
    }
    System.out.printf(Locale.ROOT, "check: first training loss rill %.4f, tensorflow %.4f, "
        + "pytorch %.4f (ln 10 = %.4f)%n", rill, tf, torch, LN10);
    for (double loss : new double[] {rill, tf, torch}) {
      if (!(Math.abs(loss - LN10) < LOSS_SLACK)) {
        throw new IllegalStateException("a first loss is far from ln 10: rill " + rill
            + ", tensorflow " + tf + ", pytorch " + torch);
      }
    }

    float[] pr;
    float[] pt;
    float[] pp;
    try (RillMnist w = new RillMnist(MnistTask.INFER_100, batch)) {
      pr = w.probabilities();
    }
    try (TensorFlowMnist w = new TensorFlowMnist(MnistTask.INFER_100, batch, init, threads)) {
      pt = w.probabilities();
    }
    try (PyTorchMnist w = new PyTorchMnist(MnistTask.INFER_100, batch, init)) {
      pp = w.probabilities();
    }
    double sumError = Math.max(rowSumError("rill", pr),
        Math.max(rowSumError("tensorflow", pt), rowSumError("pytorch", pp)));
    double peers = 0;
    for (int i = 0; i < pt.length; i++) {
      peers = Math.max(peers, Math.abs(pt[i] - pp[i]));
    }
    System.out.printf(Locale.ROOT, "check: probability rows sum to 1 within %.1e; tensorflow and "
        + "pytorch agree within %.1e%n", sumError, peers);
    if (peers > PEER_TOLERANCE) {
      throw new IllegalStateException("tensorflow and pytorch disagree by " + peers
          + " on the same weights: the two models differ");
    }
  }

  private static double rowSumError(String engine, float[] p) {
    if (p.length != 100 * MnistBatch.CLASSES) {
      throw new IllegalStateException(engine + " returned " + p.length + " probabilities");
    }
    double worst = 0;
    for (int r = 0; r < 100; r++) {
      double sum = 0;
      for (int c = 0; c < MnistBatch.CLASSES; c++) {
        float v = p[r * MnistBatch.CLASSES + c];
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalStateException(engine + " gave probability " + v);
        }
        sum += v;
      }
      worst = Math.max(worst, Math.abs(sum - 1));
    }
    if (worst > SUM_TOLERANCE) {
      throw new IllegalStateException(engine + " probability rows sum to 1 +- " + worst);
    }
    return worst;
  }
}
