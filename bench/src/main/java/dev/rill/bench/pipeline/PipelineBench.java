package dev.rill.bench.pipeline;

import dev.rill.bench.step.MnistBatch;
import dev.rill.bench.step.MnistTask;
import dev.rill.bench.step.RillMnist;
import dev.rill.bench.step.StepTimer;
import dev.rill.bench.step.Workload;
import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetIterator;
import dev.rill.data.dataset.Pair;
import dev.rill.io.example.Example;
import dev.rill.io.example.ExampleParser;
import dev.rill.io.example.FixedLenFeature;
import dev.rill.io.example.ParsedFeatures;
import dev.rill.io.tfrecord.Compression;
import dev.rill.io.tfrecord.TfRecordWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How much faster the input pipeline delivers MNIST-size batches than the MNIST CNN trains on
 * them, on this machine: a TFRecord file of 60000 serialized {@code tf.train.Example}s (a
 * 784-byte {@code image_raw} and an int64 {@code label}, as the TFRecord version of the MNIST
 * tutorial writes them) read through {@code tfRecords -> parallelMap(parse, to float32 / 255) ->
 * shuffle(10000) -> batch(100) -> prefetch(4)}, against the median time of a training step of
 * batch 100. Each is timed alone, after a warm-up pass.
 *
 * {@snippet :
 * // java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 * //     dev.rill.bench.pipeline.PipelineBench [--records 60000] [--gzip] [--parallelism 2]
 * }
 */
public final class PipelineBench {
  private static final int PIXELS = 28 * 28;
  private static final int BATCH = 100;

  private PipelineBench() {}

  public static void main(String[] args) throws IOException {
    int records = 60_000;
    int parallelism = 2;
    Compression compression = Compression.NONE;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--gzip" -> compression = Compression.GZIP;
        default -> throw new IllegalArgumentException("PipelineBench: unknown argument "
            + args[i] + " (takes --records N, --parallelism N, --gzip)");
      }
    }
    Path dir = Files.createTempDirectory("rill-pipeline");
    try {
      Path file = dir.resolve("mnist.tfrecord");
      write(file, records, compression);
      Dataset<Pair<Tensor, Tensor>> pipeline = pipeline(file, compression, parallelism);
      batchesPerSecond(pipeline);   // warm-up pass: JIT, page cache
      double[] passes = new double[3];
      for (int i = 0; i < passes.length; i++) {
        passes[i] = batchesPerSecond(pipeline);
      }
      Arrays.sort(passes);
      double delivered = passes[1];
      double stepMs;
      try (Workload w = new RillMnist(MnistTask.TRAIN_100, MnistBatch.random(BATCH, 1))) {
        stepMs = StepTimer.medianMillis(w, 20, 5, 20);
      }
      double consumed = 1000 / stepMs;
      System.out.printf(Locale.ROOT, "pipeline: %.1f batches/s of %d (%.0f examples/s), "
              + "%s, parallelMap(%d)%n", delivered, BATCH, delivered * BATCH,
          compression == Compression.NONE ? "uncompressed" : "GZIP", parallelism);
      System.out.printf(Locale.ROOT, "training:  %.1f steps/s (%.2f ms/step)%n", consumed, stepMs);
      System.out.printf(Locale.ROOT, "{\"pipeline_batches_per_s\": %.1f, "
              + "\"train_steps_per_s\": %.2f, \"ratio\": %.1f}%n", delivered, consumed,
          delivered / consumed);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** Random digits-like records: the bytes are noise, the format and sizes are MNIST's. */
  private static void write(Path file, int records, Compression compression) throws IOException {
    SplittableRandom r = new SplittableRandom(42);
    byte[] image = new byte[PIXELS];
    try (TfRecordWriter w = TfRecordWriter.open(file, compression)) {
      for (int i = 0; i < records; i++) {
        for (int p = 0; p < PIXELS; p++) {
          image[p] = (byte) r.nextInt(256);
        }
        w.write(Example.builder().bytes("image_raw", image).int64("label", r.nextInt(10))
            .build().toByteArray());
      }
    }
  }

  static Dataset<Pair<Tensor, Tensor>> pipeline(Path file, Compression compression,
      int parallelism) {
    ExampleParser parser = ExampleParser.of(Map.of(
        "image_raw", FixedLenFeature.of(DType.STRING),
        "label", FixedLenFeature.of(DType.INT64)));
    return Dataset.tfRecords(List.of(file), compression)
        .parallelMap(parallelism, payload -> {
          ParsedFeatures f = parser.parseSingle(payload);
          byte[] raw = f.dense("image_raw").stringData()[0];
          float[] pixels = new float[PIXELS];
          for (int p = 0; p < PIXELS; p++) {
            pixels[p] = (raw[p] & 0xff) / 255f;
          }
          int label = (int) f.dense("label").longData()[0];
          return Pair.of(Tensor.of(Shape.of(28, 28, 1), pixels), Tensor.scalar(label));
        })
        .shuffle(10_000, 7)
        .batch(BATCH, true)
        .prefetch(4);
  }

  /** One pass over the pipeline, in batches per second. */
  private static double batchesPerSecond(Dataset<Pair<Tensor, Tensor>> pipeline) {
    long t0 = System.nanoTime();
    long batches = 0;
    try (DatasetIterator<Pair<Tensor, Tensor>> it = pipeline.iterator()) {
      while (it.hasNext()) {
        Pair<Tensor, Tensor> b = it.next();
        if (b.first().shape().dim(0) != BATCH) {
          throw new IllegalStateException("batch of " + b.first().shape());
        }
        batches++;
      }
    }
    return batches / ((System.nanoTime() - t0) / 1e9);
  }
}
