package dev.rill.core.ops.math;

import static dev.rill.core.ops.math.Grads.unbroadcast;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.op.GradientFn;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Building complex64 tensors and taking them apart: {@code Complex}, {@code Real}, {@code Imag},
 * {@code ComplexAbs} and {@code Conj}. Gradients follow TensorFlow's convention: for a real loss L
 * of z = a + bi, the gradient with respect to z is dL/da + i dL/db.
 *
 * {@snippet :
 * Tensor z = MathOps.complex(Tensor.of(3f), Tensor.of(4f));   // 3+4i
 * MathOps.abs(z);                                               // [5.0], float32
 * }
 */
public final class ComplexDefs {
  private ComplexDefs() {}

  private static final Set<DType> COMPLEX = Set.of(DType.COMPLEX64);

  /** Complex(real, imag), broadcasting the two float32 parts. */
  public static final OpDef<NoAttrs> COMPLEX_OP = OpDef.of("Complex",
      (a, in) -> {
        if (in.get(0).dtype() != DType.FLOAT32 || in.get(1).dtype() != DType.FLOAT32) {
          throw InvalidArgumentException.of("Complex", "expected float32 real and imaginary parts "
              + "(complex128 is not supported), got " + in.get(0) + " and " + in.get(1));
        }
        TensorSpec s = Elementwise.inferBinary("Complex", in.get(0), in.get(1),
            Set.of(DType.FLOAT32));
        return List.of(new TensorSpec(DType.COMPLEX64, s.shape()));
      },
      (a, in, out) -> List.of(join(in.get(0), in.get(1), out.get(0).shape())),
      (n, dy) -> Arrays.asList(
          unbroadcast(MathOps.real(dy.get(0)), n.input(0).shape()),
          unbroadcast(MathOps.imag(dy.get(0)), n.input(1).shape())));

  /** The real part; its gradient is Complex(dy, 0). */
  public static final OpDef<NoAttrs> REAL = part("Real", 0,
      (n, dy) -> Collections.singletonList(
          MathOps.complex(dy.get(0), ArrayOps.zerosLike(dy.get(0)))));

  /** The imaginary part; its gradient is Complex(0, dy). */
  public static final OpDef<NoAttrs> IMAG = part("Imag", 1,
      (n, dy) -> Collections.singletonList(
          MathOps.complex(ArrayOps.zerosLike(dy.get(0)), dy.get(0))));

  /**
   * |z| as float32, computed with hypot so it neither overflows nor underflows. Its gradient is
   * dy z / |z|, and 0 at z = 0 (TensorFlow divides with div_no_nan there).
   */
  public static final OpDef<NoAttrs> COMPLEX_ABS = OpDef.of("ComplexAbs",
      (a, in) -> {
        Elementwise.requireDType("ComplexAbs", in.get(0).dtype(), COMPLEX);
        return List.of(new TensorSpec(DType.FLOAT32, in.get(0).shape()));
      },
      (a, in, out) -> {
        float[] c = in.get(0).complexData();
        float[] r = new float[in.get(0).size()];
        for (int i = 0; i < r.length; i++) {
          r[i] = (float) Math.hypot(c[2 * i], c[2 * i + 1]);
        }
        return List.of(Tensor.wrap(DType.FLOAT32, in.get(0).shape(), r));
      },
      (n, dy) -> {
        Tensor abs = n.output(0);
        Tensor zero = MathOps.equal(abs, abs.like(0));
        Tensor safe = MathOps.where(zero, ArrayOps.onesLike(abs), abs);
        Tensor scale = MathOps.div(dy.get(0), safe);
        return Collections.singletonList(MathOps.mul(
            MathOps.complex(scale, ArrayOps.zerosLike(scale)), n.input(0)));
      });

  /** The complex conjugate; its gradient is the conjugate of dy. */
  public static final OpDef<NoAttrs> CONJ = Elementwise.unary("Conj", COMPLEX, null, null,
      ComplexMath.CONJ, (n, dy) -> Collections.singletonList(MathOps.conj(dy.get(0))));

  private static OpDef<NoAttrs> part(String name, int which, GradientFn<NoAttrs> grad) {
    return OpDef.of(name,
        (a, in) -> {
          Elementwise.requireDType(name, in.get(0).dtype(), COMPLEX);
          return List.of(new TensorSpec(DType.FLOAT32, in.get(0).shape()));
        },
        (a, in, out) -> {
          float[] c = in.get(0).complexData();
          float[] r = new float[in.get(0).size()];
          for (int i = 0; i < r.length; i++) {
            r[i] = c[2 * i + which];
          }
          return List.of(Tensor.wrap(DType.FLOAT32, in.get(0).shape(), r));
        },
        grad);
  }

  private static Tensor join(Tensor re, Tensor im, Shape outShape) {
    float[] out = new float[2 * outShape.size()];
    float[] a = re.floatData();
    float[] b = im.floatData();
    int[][] strides = {Broadcast.stridesFor(re.shape(), outShape),
        Broadcast.stridesFor(im.shape(), outShape)};
    int rank = outShape.rank();
    int inner = rank == 0 ? 1 : outShape.dim(rank - 1);
    int sa = rank == 0 ? 0 : strides[0][rank - 1];
    int sb = rank == 0 ? 0 : strides[1][rank - 1];
    Broadcast.forEachRow(outShape, strides, 0, Broadcast.rows(outShape), (o, off) -> {
      int ia = off[0];
      int ib = off[1];
      for (int i = 0; i < inner; i++, ia += sa, ib += sb) {
        out[2 * (o + i)] = a[ia];
        out[2 * (o + i) + 1] = b[ib];
      }
    });
    return Tensor.wrap(DType.COMPLEX64, outShape, out);
  }
}
