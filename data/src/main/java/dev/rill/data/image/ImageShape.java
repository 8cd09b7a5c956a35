package dev.rill.data.image;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;

/** An image {@code [h, w, c]} or batch {@code [n, h, w, c]} seen as a batch of n images. */
record ImageShape(int batch, int height, int width, int channels, boolean batched) {
  static ImageShape of(String op, Tensor images) {
    Shape s = images.shape();
    return switch (s.rank()) {
      case 3 -> new ImageShape(1, s.dim(0), s.dim(1), s.dim(2), false);
      case 4 -> new ImageShape(s.dim(0), s.dim(1), s.dim(2), s.dim(3), true);
      default -> throw InvalidArgumentException.of(op,
          "expected an image [h, w, c] or a batch [n, h, w, c], got shape " + s);
    };
  }

  /** The same layout with another height and width. */
  Shape resized(int h, int w) {
    return batched ? Shape.of(batch, h, w, channels) : Shape.of(h, w, channels);
  }

  int imageSize() {
    return height * width * channels;
  }
}
