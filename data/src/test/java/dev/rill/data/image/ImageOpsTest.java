package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crops, flips, brightness, contrast and dtype conversion: against TF's kernels through TF Java
 * where TF has one (ReverseV2, Slice, AdjustContrastv2), otherwise against TF's Python definitions
 * written out (convert_image_dtype's {@code x * (1/255)} and {@code trunc(x * 255.5)}).
 */
class ImageOpsTest {
  static Stream<Arguments> shapes() {
    SplittableRandom r = new SplittableRandom(77);
    Stream.Builder<Arguments> b = Stream.builder();
    b.add(Arguments.of(new int[] {1, 1, 1}, 1L));
    b.add(Arguments.of(new int[] {1, 7, 3}, 2L));
    b.add(Arguments.of(new int[] {6, 1, 4}, 3L));
    for (int i = 0; i < 6; i++) {
      int[] dims = r.nextBoolean()
          ? new int[] {1 + r.nextInt(9), 1 + r.nextInt(9), 1 + r.nextInt(4)}
          : new int[] {1 + r.nextInt(3), 1 + r.nextInt(9), 1 + r.nextInt(9), 1 + r.nextInt(4)};
      b.add(Arguments.of(dims, r.nextLong()));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void flipsAreTfReverse(int[] dims, long seed) {
    Tensor x = Fixtures.randomFloats(Shape.of(dims), seed);
    int rank = dims.length;
    Tensor lr = TfOracle.run("ReverseV2", List.of(x, Tensor.of(rank - 2)), Map.of(), 1).get(0);
    Tensor ud = TfOracle.run("ReverseV2", List.of(x, Tensor.of(rank - 3)), Map.of(), 1).get(0);
    assertThat(ImageOps.flipLeftRight(x).contentEquals(lr)).isTrue();
    assertThat(ImageOps.flipUpDown(x).contentEquals(ud)).isTrue();
    Tensor u = Fixtures.randomBytes(Shape.of(dims), seed);
    assertThat(ImageOps.flipLeftRight(ImageOps.flipLeftRight(u)).contentEquals(u)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void cropsAreTfSlices(int[] dims, long seed) {
    Tensor x = Fixtures.randomBytes(Shape.of(dims), seed);
    SplittableRandom r = new SplittableRandom(seed);
    int rank = dims.length;
    int h = dims[rank - 3];
    int w = dims[rank - 2];
    int th = 1 + r.nextInt(h);
    int tw = 1 + r.nextInt(w);
    int oh = r.nextInt(h - th + 1);
    int ow = r.nextInt(w - tw + 1);
    int[] begin = rank == 3 ? new int[] {oh, ow, 0} : new int[] {0, oh, ow, 0};
    int[] size = rank == 3 ? new int[] {th, tw, -1} : new int[] {-1, th, tw, -1};
    Tensor want = TfOracle.run("Slice", List.of(x, Tensor.of(begin), Tensor.of(size)), Map.of(),
        1).get(0);
    assertThat(ImageOps.cropToBoundingBox(x, oh, ow, th, tw).contentEquals(want)).isTrue();
    int[] full = dims.clone();
    full[rank - 3] = th;
    full[rank - 2] = tw;
    Tensor random = RandomImageOps.randomCrop(x, full, seed);
    assertThat(random.shape()).isEqualTo(Shape.of(full));
    assertThat(random.contentEquals(RandomImageOps.randomCrop(x, full, seed))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void contrastIsTfAdjustContrastv2(int[] dims, long seed) {
    Tensor x = Fixtures.randomFloats(Shape.of(dims), seed);
    for (float factor : new float[] {0f, 0.5f, 1f, 2.5f, -1f}) {
      Tensor want = TfOracle.run("AdjustContrastv2", List.of(x, Tensor.scalar(factor)),
          Map.of(), 1).get(0);
      Golden.assertClose("factor " + factor, ImageOps.adjustContrast(x, factor), want, 1e-5,
          1e-5);
    }
  }

  @Test
  void centralCropUsesTfOffsets() {
    Tensor x = Fixtures.randomBytes(Shape.of(2, 10, 7, 3), 5);
    // TF: start = (int) ((size - size * f) / 2), size = n - 2 * start
    Tensor c = ImageOps.centralCrop(x, 0.5);
    assertThat(c.shape()).isEqualTo(Shape.of(2, 6, 5, 3));   // starts (int) 2.5, (int) 1.75
    assertThat(c.contentEquals(ImageOps.cropToBoundingBox(x, 2, 1, 6, 5))).isTrue();
    assertThat(ImageOps.centralCrop(x, 1.0)).isSameAs(x);
    Tensor one = ImageOps.centralCrop(Fixtures.randomFloats(Shape.of(1, 1, 2), 1), 0.1);
    assertThat(one.shape()).isEqualTo(Shape.of(1, 1, 2));
    assertThatThrownBy(() -> ImageOps.centralCrop(x, 0))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ImageOps.cropToBoundingBox(x, 5, 0, 6, 3))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void convertImageDtypeScalesAsTf() {
    Tensor u = Tensor.ofUint8(Shape.of(1, 1, 4), (byte) 0, (byte) 1, (byte) 128, (byte) 255);
    float[] f = ImageOps.convertImageDtype(u, DType.FLOAT32).floatData();
    float scale = (float) (1.0 / 255.0);
    assertThat(f).containsExactly(0f, scale, 128 * scale, 255 * scale);
    assertThat(f[3]).isEqualTo(1f);
    Tensor back = ImageOps.convertImageDtype(Tensor.of(Shape.of(1, 1, 6), -0.1f, 0f, 0.5f,
        0.999f, 1f, 1.2f), DType.UINT8, true);
    assertThat(back.toIntArray()).containsExactly(0, 0, 127, 255, 255, 255);
    // round trip of every uint8 value is exact
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    Tensor every = Tensor.ofUint8(Shape.of(16, 16, 1), all);
    assertThat(ImageOps.convertImageDtype(ImageOps.convertImageDtype(every, DType.FLOAT32),
        DType.UINT8).contentEquals(every)).isTrue();
    assertThat(ImageOps.convertImageDtype(every, DType.FLOAT64).doubleData()[255]).isEqualTo(1.0);
  }

  @Test
  void brightnessAndContrastOnUint8GoThroughFloatAndSaturate() {
    Tensor u = Tensor.ofUint8(Shape.of(2, 2, 1), (byte) 0, (byte) 100, (byte) 200, (byte) 255);
    // delta 0.1 on [0, 1]: trunc(clamp((v/255 + 0.1) * 255.5, 0, 255))
    int[] got = ImageOps.adjustBrightness(u, 0.1f).toIntArray();
    int[] want = new int[4];
    int[] v = {0, 100, 200, 255};
    for (int i = 0; i < 4; i++) {
      float x = v[i] * (float) (1.0 / 255.0) + 0.1f;
      want[i] = (int) Math.min(Math.max(x * 255.5f, 0), 255);
    }
    assertThat(got).containsExactly(want);
    assertThat(ImageOps.adjustBrightness(u, -1f).toIntArray()).containsExactly(0, 0, 0, 0);
    Tensor f = Fixtures.randomFloats(Shape.of(3, 2, 2), 3);
    float[] bright = ImageOps.adjustBrightness(f, 0.25f).floatData();
    for (int i = 0; i < bright.length; i++) {
      assertThat(bright[i]).isEqualTo(f.floatData()[i] + 0.25f);
    }
    // contrast 0 gives each channel's mean everywhere
    Tensor flat = ImageOps.adjustContrast(u, 0f);
    assertThat(flat.dtype()).isEqualTo(DType.UINT8);
    assertThat(flat.toIntArray()).containsOnly(flat.toIntArray()[0]);
  }

  @Test
  void randomVariantsAreDeterministicPerSeedAndStayInRange() {
    Tensor batch = Fixtures.randomFloats(Shape.of(16, 3, 4, 2), 9);
    Tensor a = RandomImageOps.randomFlipLeftRight(batch, 42);
    assertThat(a.contentEquals(RandomImageOps.randomFlipLeftRight(batch, 42))).isTrue();
    int flipped = 0;
    Tensor all = ImageOps.flipLeftRight(batch);
    int per = 3 * 4 * 2;
    for (int b = 0; b < 16; b++) {
      float[] got = java.util.Arrays.copyOfRange(a.floatData(), b * per, (b + 1) * per);
      float[] f = java.util.Arrays.copyOfRange(all.floatData(), b * per, (b + 1) * per);
      float[] o = java.util.Arrays.copyOfRange(batch.floatData(), b * per, (b + 1) * per);
      if (java.util.Arrays.equals(got, f)) {
        flipped++;
      } else {
        assertThat(got).containsExactly(o);
      }
    }
    assertThat(flipped).isBetween(1, 15);
    assertThat(RandomImageOps.randomFlipUpDown(batch, 1)
        .contentEquals(RandomImageOps.randomFlipUpDown(batch, 1))).isTrue();
    for (long seed = 0; seed < 50; seed++) {
      float[] x = batch.floatData();
      float delta = RandomImageOps.randomBrightness(batch, 0.3f, seed).floatData()[0] - x[0];
      assertThat(delta).isBetween(-0.3f - 1e-5f, 0.3f + 1e-5f);
      Tensor c1 = RandomImageOps.randomContrast(batch, 0.5f, 1.5f, seed);
      assertThat(c1.contentEquals(RandomImageOps.randomContrast(batch, 0.5f, 1.5f, seed)))
          .isTrue();
    }
    assertThat(RandomImageOps.randomBrightness(batch, 0.3f, 1)
        .contentEquals(RandomImageOps.randomBrightness(batch, 0.3f, 2))).isFalse();
    assertThatThrownBy(() -> RandomImageOps.randomContrast(batch, 1f, 0.5f, 1))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> RandomImageOps.randomCrop(batch, new int[] {1, 4, 4, 2}, 1))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void randomCropCanCutTheBatchAndChannelsToo() {
    Tensor x = Fixtures.randomBytes(Shape.of(4, 5, 6, 3), 2);
    Tensor c = RandomImageOps.randomCrop(x, new int[] {2, 3, 3, 1}, 11);
    assertThat(c.shape()).isEqualTo(Shape.of(2, 3, 3, 1));
    // the window is a contiguous block of x: find its offset by brute force
    boolean found = false;
    for (int n = 0; n <= 2 && !found; n++) {
      for (int y = 0; y <= 2 && !found; y++) {
        for (int xo = 0; xo <= 3 && !found; xo++) {
          for (int k = 0; k <= 2 && !found; k++) {
            Tensor want = TfOracle.run("Slice", List.of(x, Tensor.of(n, y, xo, k),
                Tensor.of(2, 3, 3, 1)), Map.of(), 1).get(0);
            found = want.contentEquals(c);
          }
        }
      }
    }
    assertThat(found).isTrue();
  }
}
