package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import java.util.Arrays;
import java.util.List;

/**
 * Taking boxes out of a tensor: {@code Slice} (begin and size per axis) and {@code StridedSlice}
 * (Python's {@code x[a:b:c, ..., tf.newaxis, i]}), with {@code StridedSliceGrad} that writes a
 * slice's gradient back into a zero tensor of the input's shape.
 *
 * {@snippet :
 * Tensor row = ArrayOps.slice(x, new int[] {1, 0}, new int[] {1, -1});   // x[1:2, :]
 * }
 */
public final class SliceDefs {
  private SliceDefs() {}

  /** Start of the box and its size on each axis; a size of -1 takes the rest of the axis. */
  public record SliceAttrs(int[] begin, int[] size) {}

  /** The forward op's spec and the shape of its input, which the gradient is shaped like. */
  public record GradAttrs(int[] shape, StridedSliceSpec spec) {}

  public static final OpDef<SliceAttrs> SLICE = OpDef.of("Slice",
      (a, in) -> List.of(new TensorSpec(in.get(0).dtype(),
          Shape.of(sliceSizes(a, in.get(0).shape())))),
      (a, in, out) -> {
        Tensor x = in.get(0);
        int[] st = x.shape().strides();
        int offset = 0;
        for (int i = 0; i < st.length; i++) {
          offset += a.begin()[i] * st[i];
        }
        return List.of(Strided.gather(x, offset, st, out.get(0).shape()));
      },
      (n, dy) -> {
        Shape in = n.input(0).shape();
        int[] size = n.output(0).shape().dims();
        int[][] pads = new int[in.rank()][2];
        for (int i = 0; i < in.rank(); i++) {
          pads[i][0] = n.attr().begin()[i];
          pads[i][1] = in.dim(i) - n.attr().begin()[i] - size[i];
        }
        return List.of(ArrayOps.pad(dy.get(0), pads));
      });

  public static final OpDef<StridedSliceSpec> STRIDED_SLICE = OpDef.of("StridedSlice",
      (a, in) -> List.of(new TensorSpec(in.get(0).dtype(), a.resolve(in.get(0).shape()).output())),
      (a, in, out) -> {
        Tensor x = in.get(0);
        StridedSliceSpec.Plan p = a.resolve(x.shape());
        int[] st = x.shape().strides();
        int offset = 0;
        int[] src = new int[st.length];
        for (int i = 0; i < st.length; i++) {
          if (p.processing().dim(i) > 0) {
            offset += p.begin()[i] * st[i];
          }
          src[i] = p.strides()[i] * st[i];
        }
        Tensor box = Strided.gather(x, p.processing().size() == 0 ? 0 : offset, src,
            p.processing());
        return List.of(LayoutDefs.view(box, out.get(0).shape()));
      },
      (n, dy) -> List.of(ArrayOps.stridedSliceGrad(dy.get(0), n.input(0).shape(), n.attr())));

  /** Zeros of the forward input's shape with {@code dy} written into the sliced positions. */
  public static final OpDef<GradAttrs> STRIDED_SLICE_GRAD = OpDef.of("StridedSliceGrad",
      (a, in) -> {
        StridedSliceSpec.Plan p = a.spec().resolve(Shape.of(a.shape()));
        if (!in.get(0).shape().equals(p.output())) {
          throw InvalidArgumentException.of("StridedSliceGrad", "gradient of shape "
              + in.get(0).shape() + " does not match the slice's shape " + p.output() + " for "
              + a.spec());
        }
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(a.shape())));
      },
      (a, in, out) -> {
        Tensor dy = in.get(0);
        Shape shape = out.get(0).shape();
        StridedSliceSpec.Plan p = a.spec().resolve(shape);
        Object dst = Tensor.allocate(dy.dtype(), shape.size());
        if (p.processing().size() > 0) {
          int[] st = shape.strides();
          int offset = 0;
          int[] strides = new int[st.length];
          for (int i = 0; i < st.length; i++) {
            offset += p.begin()[i] * st[i];
            strides[i] = p.strides()[i] * st[i];
          }
          Strided.copy(dy.dtype(), dy.data(), 0, p.processing().strides(), dst, offset, strides,
              p.processing().dims());
        }
        return List.of(Tensor.wrap(dy.dtype(), shape, dst));
      },
      (n, dy) -> List.of(ArrayOps.stridedSlice(dy.get(0), n.attr().spec())));

  private static int[] sliceSizes(SliceAttrs a, Shape s) {
    int rank = s.rank();
    if (a.begin().length != rank || a.size().length != rank) {
      throw InvalidArgumentException.of("Slice", "begin " + Arrays.toString(a.begin()) + " and size "
          + Arrays.toString(a.size()) + " must each have " + rank + " entries for input of shape "
          + s);
    }
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int b = a.begin()[i];
      int d = s.dim(i);
      if (b < 0 || b > d) {
        throw InvalidArgumentException.of("Slice", "begin[" + i + "] = " + b + " is not in [0, "
            + d + "] for input of shape " + s);
      }
      int size = a.size()[i] == -1 ? d - b : a.size()[i];
      if (size < 0 || b + size > d) {
        throw InvalidArgumentException.of("Slice", "size[" + i + "] = " + a.size()[i]
            + " is not in [0, " + (d - b) + "] (begin " + b + ") for input of shape " + s);
      }
      out[i] = size;
    }
    return out;
  }
}
