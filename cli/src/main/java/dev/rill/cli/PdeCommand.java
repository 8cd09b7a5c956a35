package dev.rill.cli;

import dev.rill.core.Tensor;
import dev.rill.core.ops.ReduceOps;
import dev.rill.models.pde.Pond;
import dev.rill.models.viz.ImageFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rill pde}: raindrops on a pond, the PDE tutorial, written to a PNG. */
@Command(name = "pde", mixinStandardHelpOptions = true,
    description = "Simulate raindrops on a pond (damped wave equation) as TensorFlow's PDE tutorial.")
final class PdeCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "pond.png", description = "PNG to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--size", defaultValue = "500", description = "Pond side in cells (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--drops", defaultValue = "40", description = "Raindrops (default: ${DEFAULT-VALUE}).")
  int drops;

  @Option(names = "--steps", defaultValue = "1000", description = "Simulation steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the drops (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Pond.Config t = Pond.Config.TUTORIAL;
    Pond pond = new Pond(new Pond.Config(size, drops, seed, t.eps(), t.damping(), steps));
    long start = System.nanoTime();
    try (ProgressBar bar = Progress.bar("pde", steps)) {
      for (int i = 0; i < steps; i++) {
        pond.step();
        bar.step();
      }
    }
    Tensor u = pond.height();
    ImageFiles.writePng(Pond.render(u, -0.1f, 0.1f), out);
    System.out.printf("wrote %s: %dx%d after %d steps, height in [%.4f, %.4f], %.1f s%n", out, size,
        size, steps, ReduceOps.min(u).floatValue(), ReduceOps.max(u).floatValue(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
