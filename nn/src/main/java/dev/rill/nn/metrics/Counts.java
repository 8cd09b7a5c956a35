package dev.rill.nn.metrics;

import dev.rill.core.Tensor;

/** Weighted float32 counts of the four outcomes of boolean predictions, as TF's counters. */
final class Counts {
  private float tp;
  private float fp;
  private float fn;
  private float tn;

  void update(String metric, Tensor labels, Tensor predictions, Tensor weights) {
    Tensor[] lp = MetricInputs.matchShapes(metric, labels, predictions);
    boolean[] l = MetricInputs.bools(lp[0]);
    boolean[] p = MetricInputs.bools(lp[1]);
    float[] w = MetricInputs.weights(metric, weights, lp[0].shape());
    double[] sums = new double[4];
    for (int i = 0; i < l.length; i++) {
      double wi = w == null ? 1 : w[i];
      sums[(l[i] ? 0 : 2) + (p[i] ? 0 : 1)] += wi;
    }
    tp += (float) sums[0];
    fn += (float) sums[1];
    fp += (float) sums[2];
    tn += (float) sums[3];
  }

  float truePositives() {
    return tp;
  }

  float falsePositives() {
    return fp;
  }

  float falseNegatives() {
    return fn;
  }

  float trueNegatives() {
    return tn;
  }

  void reset() {
    tp = 0;
    fp = 0;
    fn = 0;
    tn = 0;
  }
}
