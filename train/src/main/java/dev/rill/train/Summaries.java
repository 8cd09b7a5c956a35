package dev.rill.train;

import dev.rill.core.Tensor;
import dev.rill.train.hooks.StepSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TensorBoard summaries a model function asks for, as {@code tf.summary.scalar},
 * {@code histogram}, {@code image}, {@code audio} and {@code text} inside TensorFlow's
 * {@code model_fn}. While training, the Estimator collects them on summary steps (every
 * {@link RunConfig#saveSummarySteps()}) and its summary hook writes them at the step's global
 * step into the model directory; on other steps, when evaluating or predicting, and outside an
 * Estimator the calls do nothing. {@link #active()} tells whether they will be written, to skip
 * work done only for a summary.
 *
 * {@snippet :
 * Summaries.scalar("learning_rate", lr);
 * Summaries.histogram("dense/kernel", kernel.value());
 * Summaries.image("input", features.get("x").reshape(Shape.of(-1, 28, 28, 1)), 3);
 * }
 */
public final class Summaries {
  private static final ThreadLocal<List<StepSummary>> CURRENT = new ThreadLocal<>();

  private Summaries() {}

  /** Whether summaries asked for now are collected (a training step that writes summaries). */
  public static boolean active() {
    return CURRENT.get() != null;
  }

  /** Logs a one-element tensor as a scalar (written as float32, as TensorFlow writes it). */
  public static void scalar(String name, Tensor value) {
    tag(name);
    if (value.shape().size() != 1) {
      throw new IllegalArgumentException("Summaries.scalar: '" + name + "' must have one element,"
          + " got " + value.shape());
    }
    add((w, step) -> w.scalar(name, value.doubleValue(), step));
  }

  /** Logs a scalar. */
  public static void scalar(String name, double value) {
    tag(name);
    add((w, step) -> w.scalar(name, value, step));
  }

  /** Logs a histogram of every element of {@code values} (a real tensor, all finite). */
  public static void histogram(String name, Tensor values) {
    tag(name);
    Objects.requireNonNull(values, "values");
    add((w, step) -> w.histogram(name, values, step));
  }

  /**
   * Logs the first three images of {@code images} {@code [n, height, width, channels]}, or one
   * image {@code [height, width, channels]}; uint8, or float32/float64 scaled as TensorFlow does.
   */
  public static void image(String name, Tensor images) {
    tag(name);
    Objects.requireNonNull(images, "images");
    add((w, step) -> w.image(name, images, step));
  }

  /** Logs up to {@code maxImages} images of {@code images}, as {@code max_outputs}. */
  public static void image(String name, Tensor images, int maxImages) {
    tag(name);
    Objects.requireNonNull(images, "images");
    if (maxImages < 1) {
      throw new IllegalArgumentException("Summaries.image: maxImages must be >= 1, got "
          + maxImages);
    }
    add((w, step) -> w.image(name, images, maxImages, step));
  }

  /**
   * Logs float32 samples in [-1, 1] at {@code sampleRate} Hz: a clip {@code [frames]} or
   * {@code [frames, channels]}, or the first three of a batch {@code [n, frames, channels]}.
   */
  public static void audio(String name, Tensor samples, float sampleRate) {
    tag(name);
    Objects.requireNonNull(samples, "samples");
    add((w, step) -> w.audio(name, samples, sampleRate, step));
  }

  /** Logs Markdown text. */
  public static void text(String name, String text) {
    tag(name);
    Objects.requireNonNull(text, "text");
    add((w, step) -> w.text(name, text, step));
  }

  private static void tag(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Summaries: a summary needs a non-empty name");
    }
  }

  private static void add(StepSummary s) {
    List<StepSummary> l = CURRENT.get();
    if (l != null) {
      l.add(s);
    }
  }

  /** Starts collecting this thread's summaries for one step. */
  static List<StepSummary> begin() {
    List<StepSummary> l = new ArrayList<>();
    CURRENT.set(l);
    return l;
  }

  static void end() {
    CURRENT.remove();
  }
}
