package dev.rill.cli;

import dev.rill.core.Tensor;
import dev.rill.core.ops.ReduceOps;
import dev.rill.models.mandelbrot.Mandelbrot;
import dev.rill.models.viz.ImageFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rill mandelbrot}: the Mandelbrot tutorial, written to a PNG. */
@Command(name = "mandelbrot", mixinStandardHelpOptions = true,
    description = "Render the Mandelbrot set as TensorFlow's tutorial does (complex64, z = z*z + c).")
final class MandelbrotCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "mandelbrot.png", description = "PNG to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--iterations", defaultValue = "200", description = "Iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--step", defaultValue = "0.005", description = "Grid step (default: ${DEFAULT-VALUE}).")
  double step;

  @Override
  public Integer call() throws Exception {
    Mandelbrot.Config t = Mandelbrot.Config.TUTORIAL;
    var config = new Mandelbrot.Config(t.yMin(), t.yMax(), t.xMin(), t.xMax(), step, iterations);
    long start = System.nanoTime();
    Tensor counts = Mandelbrot.counts(config);
    ImageFiles.writePng(Mandelbrot.colorize(counts), out);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("wrote %s: %dx%d, %d iterations, mean count %.2f, %.1f s%n", out,
        config.cols(), config.rows(), iterations, ReduceOps.mean(counts).floatValue(), seconds);
    return 0;
  }
}
