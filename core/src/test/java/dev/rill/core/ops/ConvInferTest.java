package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.TensorSpec;
import dev.rill.core.ops.image.ResizeBilinearDefs;
import dev.rill.core.ops.nn.conv.BackpropAttrs;
import dev.rill.core.ops.nn.conv.BiasAddDefs;
import dev.rill.core.ops.nn.conv.Conv2DDefs;
import dev.rill.core.ops.nn.conv.ConvAttrs;
import dev.rill.core.ops.nn.conv.DepthwiseConv2dDefs;
import dev.rill.core.ops.nn.conv.PoolAttrs;
import dev.rill.core.ops.nn.conv.PoolDefs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape inference with unknown (-1) dimensions, as graph mode will see them. */
class ConvInferTest {
  static TensorSpec f32(int... dims) {
    return TensorSpec.of(DType.FLOAT32, dims);
  }

  @Test
  void unknownBatchAndSizesPropagate() {
    ConvAttrs same = ConvAttrs.of(new int[] {1, 2, 2, 1}, "SAME");
    assertThat(Conv2DDefs.CONV2D.infer(same, List.of(f32(-1, 28, 28, 1), f32(5, 5, 1, 32))))
        .containsExactly(f32(-1, 14, 14, 32));
    assertThat(Conv2DDefs.CONV2D.infer(same, List.of(f32(2, -1, 9, 3), f32(3, 3, -1, 4))))
        .containsExactly(f32(2, -1, 5, 4));
    assertThat(DepthwiseConv2dDefs.DEPTHWISE_CONV2D_NATIVE.infer(same,
        List.of(f32(-1, 8, 8, 3), f32(3, 3, 3, 2)))).containsExactly(f32(-1, 4, 4, 6));
    assertThat(Conv2DDefs.CONV2D_BACKPROP_FILTER.infer(
        new BackpropAttrs(new int[] {3, 3, 1, 4}, same),
        List.of(f32(-1, 8, 8, 1), f32(-1, 4, 4, 4)))).containsExactly(f32(3, 3, 1, 4));
    PoolAttrs pool = PoolAttrs.of(new int[] {1, 3, 3, 1}, new int[] {1, 2, 2, 1}, "SAME");
    assertThat(PoolDefs.MAX_POOL.infer(pool, List.of(f32(-1, 24, 24, 64))))
        .containsExactly(f32(-1, 12, 12, 64));
    assertThat(BiasAddDefs.BIAS_ADD.infer(BiasAddDefs.Attrs.NHWC,
        List.of(f32(-1, 10), f32(10)))).containsExactly(f32(-1, 10));
    assertThat(ResizeBilinearDefs.RESIZE_BILINEAR.infer(
        new ResizeBilinearDefs.Attrs(299, 299, false, true), List.of(f32(-1, -1, -1, 3))))
        .containsExactly(f32(-1, 299, 299, 3));
  }

  @Test
  void knownMismatchesStillFail() {
    ConvAttrs valid = ConvAttrs.of(new int[] {1, 1, 1, 1}, "VALID");
    assertThatThrownBy(() -> Conv2DDefs.CONV2D_BACKPROP_INPUT.infer(
        new BackpropAttrs(new int[] {1, 8, 8, 1}, valid),
        List.of(f32(3, 3, 1, 4), f32(-1, 7, 6, 4))))
        .hasMessageStartingWith("Conv2DBackpropInput: ").hasMessageContaining("[-1, 7, 6, 4]");
  }
}
