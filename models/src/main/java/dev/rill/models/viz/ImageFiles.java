package dev.rill.models.viz;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Writes uint8 image tensors ([height, width, 1] gray or [height, width, 3] RGB) as PNG files.
 * The file is written under a temporary name and renamed, so a reader never sees half an image.
 *
 * {@snippet :
 * ImageFiles.writePng(rgb, Path.of("mandelbrot.png"));
 * }
 */
public final class ImageFiles {
  private ImageFiles() {}

  public static void writePng(Tensor image, Path file) throws IOException {
    if (image.dtype() != DType.UINT8 || image.rank() != 3
        || (image.shape().dim(2) != 1 && image.shape().dim(2) != 3)) {
      throw new InvalidArgumentException("writePng: expected a uint8 [height, width, 1 or 3] image, got "
          + image.dtype() + image.shape());
    }
    int h = image.shape().dim(0);
    int w = image.shape().dim(1);
    int c = image.shape().dim(2);
    byte[] px = image.uint8Data();
    BufferedImage img = new BufferedImage(w, h,
        c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * c;
        if (c == 1) {
          img.getRaster().setSample(x, y, 0, px[o] & 0xff);
        } else {
          img.setRGB(x, y, (px[o] & 0xff) << 16 | (px[o + 1] & 0xff) << 8 | (px[o + 2] & 0xff));
        }
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      if (!ImageIO.write(img, "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
