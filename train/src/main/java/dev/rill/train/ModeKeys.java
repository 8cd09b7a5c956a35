package dev.rill.train;

/** What a model function is called for, as {@code tf.estimator.ModeKeys}. */
public enum ModeKeys {
  TRAIN("train"),
  EVAL("eval"),
  PREDICT("infer");

  private final String tfName;

  ModeKeys(String tfName) {
    this.tfName = tfName;
  }

  /** TensorFlow's string for the mode ({@code infer} for PREDICT). */
  public String tfName() {
    return tfName;
  }
}
