package dev.rill.data.image;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Test images: seeded random pixels in every PNG layout, written by ImageIO's encoders. */
final class Fixtures {
  private Fixtures() {}

  /** The PNG layouts the decoder must handle, as built by {@link #png}. */
  enum Layout {
    GRAY8, GRAY16, GRAY_ALPHA8, RGB8, RGB16, RGBA8, RGBA16, PALETTE8, PALETTE8_ALPHA, PALETTE2,
    GRAY1, GRAY4
  }

  static BufferedImage image(Layout layout, int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage im = switch (layout) {
      case GRAY8 -> new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      case GRAY16 -> new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
      case RGB8 -> new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      case RGBA8 -> new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
      case GRAY_ALPHA8 -> component(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_BYTE, w, h);
      case RGB16 -> component(ColorSpace.CS_sRGB, false, DataBuffer.TYPE_USHORT, w, h);
      case RGBA16 -> component(ColorSpace.CS_sRGB, true, DataBuffer.TYPE_USHORT, w, h);
      case PALETTE8 -> indexed(8, 200, false, w, h, r);
      case PALETTE8_ALPHA -> indexed(8, 256, true, w, h, r);
      case PALETTE2 -> indexed(2, 3, false, w, h, r);
      case GRAY1 -> new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
      case GRAY4 -> grayIndexed(4, w, h);
    };
    WritableRaster raster = im.getRaster();
    int bands = raster.getNumBands();
    int bits = raster.getSampleModel().getSampleSize(0);
    int colors = im.getColorModel() instanceof IndexColorModel icm ? icm.getMapSize() : 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int b = 0; b < bands; b++) {
          int v = colors > 0 ? r.nextInt(colors) : r.nextInt(1 << bits);
          // A few grey-looking and repeated pixels exercise the r == g == b paths.
          raster.setSample(x, y, b, (x + y) % 7 == 0 && b > 0 ? raster.getSample(x, y, 0) : v);
        }
      }
    }
    return im;
  }

  private static BufferedImage component(int space, boolean alpha, int type, int w, int h) {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(space), alpha, false,
        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
    return new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
  }

  private static BufferedImage indexed(int bits, int n, boolean alpha, int w, int h,
      SplittableRandom r) {
    byte[] red = new byte[n];
    byte[] green = new byte[n];
    byte[] blue = new byte[n];
    byte[] a = new byte[n];
    for (int i = 0; i < n; i++) {
      red[i] = (byte) r.nextInt(256);
      green[i] = (byte) r.nextInt(256);
      blue[i] = (byte) r.nextInt(256);
      a[i] = (byte) (i % 3 == 0 ? r.nextInt(256) : 255);
    }
    IndexColorModel cm = alpha ? new IndexColorModel(bits, n, red, green, blue, a)
        : new IndexColorModel(bits, n, red, green, blue);
    int type = bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_BYTE_BINARY;
    return new BufferedImage(w, h, type, cm);
  }

  private static BufferedImage grayIndexed(int bits, int w, int h) {
    int n = 1 << bits;
    byte[] g = new byte[n];
    for (int i = 0; i < n; i++) {
      g[i] = (byte) (i * 255 / (n - 1));
    }
    return new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY,
        new IndexColorModel(bits, n, g, g, g));
  }

  static byte[] png(Layout layout, int w, int h, long seed, boolean interlaced) {
    return write(image(layout, w, h, seed), "png", interlaced, 0);
  }

  /** A JPEG of smooth random content, grey or colour, at {@code quality} (0..1). */
  static byte[] jpeg(boolean gray, int w, int h, long seed, float quality, boolean progressive) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage im = new BufferedImage(w, h,
        gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = im.getRaster();
    int bands = raster.getNumBands();
    double[] phase = {r.nextDouble() * 6, r.nextDouble() * 6, r.nextDouble() * 6};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int b = 0; b < bands; b++) {
          double v = 128 + 90 * Math.sin(0.3 * x + 0.2 * y + phase[b]) + r.nextInt(30) - 15;
          raster.setSample(x, y, b, (int) Math.max(0, Math.min(255, v)));
        }
      }
    }
    return write(im, "jpeg", progressive, quality);
  }

  private static byte[] write(BufferedImage im, String format, boolean progressive,
      float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      if (quality > 0) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
      }
      writer.write(null, new IIOImage(im, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** A scalar string tensor holding {@code bytes}, as TF's image ops take their contents. */
  static Tensor contents(byte[] bytes) {
    return Tensor.wrap(DType.STRING, Shape.scalar(), new byte[][] {bytes});
  }

  /** Seeded random float32 values in [0, 10). */
  static Tensor randomFloats(Shape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 10);
    }
    return Tensor.of(shape, v);
  }

  /** Seeded random uint8 values. */
  static Tensor randomBytes(Shape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] v = new byte[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) r.nextInt(256);
    }
    return Tensor.ofUint8(shape, v);
  }
}
