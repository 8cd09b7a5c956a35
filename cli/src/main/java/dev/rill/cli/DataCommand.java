package dev.rill.cli;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.idx.IdxWriter;
import dev.rill.data.mnist.FetchException;
import dev.rill.data.mnist.LabeledImages;
import dev.rill.data.mnist.MnistData;
import dev.rill.data.mnist.MnistFetcher;
import dev.rill.data.mnist.MnistFiles;
import dev.rill.data.mnist.MnistSource;
import dev.rill.data.mnist.SyntheticDigits;
import dev.rill.models.viz.ImageFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rill data}: get the data sets the tutorials read. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Get the data sets the tutorials read.",
    subcommands = {DataCommand.Fetch.class, DataCommand.Digits.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code rill data fetch mnist --to DIR}. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = {"Download a data set in MNIST's layout and verify its SHA-256 checksums.",
          "Files already present and valid are kept; each file is written under a temporary name"
              + " and renamed once verified."})
  static final class Fetch implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET", description = "mnist or fashion-mnist.")
    String dataset;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Directory to fill.")
    Path to;

    @Option(names = "--mirror", paramLabel = "URL",
        description = "Base URL to download from instead of the built-in mirrors (repeatable, tried in order).")
    List<URI> mirrors;

    @Option(names = "--checksums", paramLabel = "FILE",
        description = "SHA-256 list in sha256sum's format to check against instead of the built-in one.")
    Path checksums;

    @Override
    public Integer call() throws IOException {
      MnistSource source;
      try {
        source = MnistSource.named(dataset);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      if (mirrors != null && !mirrors.isEmpty()) {
        source = source.withMirrors(mirrors);
      }
      if (checksums != null) {
        source = source.withChecksums(MnistSource.readChecksums(checksums));
      }
      try (Bars bars = new Bars()) {
        MnistFetcher.Report report = new MnistFetcher(bars).fetch(source, to);
        bars.close();
        System.out.printf("%s in %s: %d downloaded, %d already present%n", source.name(), to,
            report.downloaded().size(), report.present().size());
        return 0;
      } catch (FetchException e) {
        System.err.println("rill data fetch: " + e.getMessage());
        return 1;
      }
    }
  }

  /** Messages on stdout; a progress bar in KiB on stderr while a file downloads. */
  private static final class Bars implements MnistFetcher.Listener, AutoCloseable {
    private ProgressBar bar;
    private String file;

    @Override
    public void message(String line) {
      close();
      System.out.println(line);
    }

    @Override
    public void progress(String name, long done, long total) {
      if (!name.equals(file)) {
        close();
        file = name;
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(total, 0) / 1024)
            .setUnit(" KiB", 1).setStyle(ProgressBarStyle.ASCII).showSpeed()
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
      }
      bar.stepTo(done / 1024);
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
      file = null;
    }
  }

  /** {@code rill data digits --to DIR}: the synthetic digits as MNIST files. */
  @Command(name = "digits", mixinStandardHelpOptions = true,
      description = {"Write Rill's synthetic handwritten digits as the four MNIST files,",
          "so anything that reads MNIST can read them; optionally a PNG of examples."})
  static final class Digits implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "DIR", description = "Directory for the four .gz files.")
    Path to;

    @Option(names = "--train", defaultValue = "60000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "10000", description = "Test images (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--png", paramLabel = "FILE", description = "Also write 10 rows of examples, one row per digit.")
    Path png;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (train < 0 || test < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--train and --test must be >= 0, got " + train + " and " + test);
      }
      if (to == null && png == null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "nothing to write: give --to DIR and/or --png FILE");
      }
      long start = System.nanoTime();
      MnistData d = SyntheticDigits.generate(train, test, seed);
      if (to != null) {
        IdxWriter.write(d.train().images(), to.resolve(MnistFiles.TRAIN_IMAGES + ".gz"));
        IdxWriter.write(d.train().labels(), to.resolve(MnistFiles.TRAIN_LABELS + ".gz"));
        IdxWriter.write(d.test().images(), to.resolve(MnistFiles.TEST_IMAGES + ".gz"));
        IdxWriter.write(d.test().labels(), to.resolve(MnistFiles.TEST_LABELS + ".gz"));
        System.out.printf("wrote %d training and %d test digits to %s%n", train, test, to);
      }
      if (png != null) {
        ImageFiles.writePng(montage(d.train(), 16), png);
        System.out.println("wrote " + png);
      }
      System.out.printf("%.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    }

    /** Row c shows the first {@code perRow} examples of digit c. */
    static Tensor montage(LabeledImages li, int perRow) {
      int h = li.height();
      int w = li.width();
      byte[] out = new byte[10 * h * perRow * w];
      byte[] px = li.images().uint8Data();
      byte[] labels = li.labels().uint8Data();
      int[] used = new int[10];
      for (int i = 0; i < labels.length; i++) {
        int c = labels[i];
        if (c >= 10 || used[c] >= perRow) {
          continue;
        }
        int col = used[c]++;
        for (int y = 0; y < h; y++) {
          System.arraycopy(px, (i * h + y) * w, out, ((c * h + y) * perRow + col) * w, w);
        }
      }
      return Tensor.wrap(DType.UINT8, Shape.of(10 * h, perRow * w, 1), out);
    }
  }
}
