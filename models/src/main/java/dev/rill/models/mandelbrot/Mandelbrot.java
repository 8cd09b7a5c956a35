package dev.rill.models.mandelbrot;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import java.util.List;

/**
 * TensorFlow's Mandelbrot tutorial: iterate {@code z = z*z + c} over a complex64 grid and count, for
 * each point, the steps at which |z| was still below 4.
 *
 * {@snippet :
 * Tensor counts = Mandelbrot.counts(Mandelbrot.Config.TUTORIAL);  // float32 [520, 600]
 * Tensor rgb = Mandelbrot.colorize(counts);                       // uint8 [520, 600, 3]
 * }
 */
public final class Mandelbrot {
  private Mandelbrot() {}

  /** The grid {@code [yMin, yMax) x [xMin, xMax)} at {@code step}, and the iteration count. */
  public record Config(double yMin, double yMax, double xMin, double xMax, double step,
      int iterations) {
    /** The tutorial's: -1.3..1.3 by -2..1 at 0.005, 200 iterations. */
    public static final Config TUTORIAL = new Config(-1.3, 1.3, -2, 1, 0.005, 200);

    public Config {
      if (!(step > 0) || !(yMax > yMin) || !(xMax > xMin) || iterations < 0) {
        throw new IllegalArgumentException("Mandelbrot: expected a positive step, yMax > yMin, "
            + "xMax > xMin and iterations >= 0, got " + this);
      }
    }

    public int rows() {
      return count(yMin, yMax, step);
    }

    public int cols() {
      return count(xMin, xMax, step);
    }

    /** As NumPy's arange (and so the tutorial's mgrid): ceil((stop - start) / step) points. */
    private static int count(double start, double stop, double step) {
      return (int) Math.ceil((stop - start) / step);
    }
  }

  /** The points {@code c = x + iy} of the grid, complex64 [rows, cols]. */
  public static Tensor grid(Config c) {
    int rows = c.rows();
    int cols = c.cols();
    float[] re = new float[rows * cols];
    float[] im = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        re[i * cols + j] = (float) (c.xMin() + j * c.step());
        im[i * cols + j] = (float) (c.yMin() + i * c.step());
      }
    }
    Shape s = Shape.of(rows, cols);
    return MathOps.complex(Tensor.of(s, re), Tensor.of(s, im));
  }

  /** For each grid point, how many of the iterations left |z| below 4 (float32 [rows, cols]). */
  public static Tensor counts(Config c) {
    Tensor xs = grid(c);
    Variable zs = new Variable("zs", xs, false);
    Variable ns = new Variable("ns", ArrayOps.zeros(xs.shape(), DType.FLOAT32), false);
    Tensor four = Tensor.scalar(4f);
    for (int i = 0; i < c.iterations(); i++) {
      Tensor z = zs.value().mul(zs.value()).add(xs);
      Tensor notDiverged = MathOps.less(MathOps.abs(z), four);
      zs.assign(z);
      ns.assignAdd(MathOps.cast(notDiverged, DType.FLOAT32));
    }
    return ns.value();
  }

  /**
   * The tutorial's colour map: a cycle through colours with the count, and black for the points
   * that never diverged (the maximum count). uint8 [rows, cols, 3].
   */
  public static Tensor colorize(Tensor counts) {
    Tensor a = ArrayOps.expandDims(counts, -1);
    Tensor cyclic = a.mul(6.28f / 20f);
    Tensor cos = MathOps.cos(cyclic);
    Tensor img = ArrayOps.concat(List.of(
        cos.mul(20f).add(10f),
        MathOps.sin(cyclic).mul(50f).add(30f),
        cos.mul(-80f).add(155f)), 2);
    Tensor inside = MathOps.equal(a, ReduceOps.max(counts));
    img = MathOps.where(inside, Tensor.scalar(0f), img);
    Tensor clipped = MathOps.minimum(MathOps.maximum(img, Tensor.scalar(0f)), Tensor.scalar(255f));
    return MathOps.cast(clipped, DType.UINT8);
  }
}
