package dev.rill.data.mnist;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;

/**
 * A set of grey images with one class label each, as the MNIST files hold them: {@code images}
 * uint8 [n, height, width] and {@code labels} uint8 [n]. The accessors give the forms the
 * tutorials feed to models: float pixels in [0, 1] (TensorFlow's loader multiplies by 1/255),
 * flattened rows of 784, int32 labels or one-hot rows.
 *
 * {@snippet :
 * LabeledImages train = MnistData.load(dir).train();
 * Tensor x = train.flatImages();   // float32 [55000, 784], values in [0, 1]
 * Tensor y = train.intLabels();    // int32 [55000]
 * }
 */
public record LabeledImages(Tensor images, Tensor labels) {
  /** What {@code float} pixels are multiplied by, as the TensorFlow tutorial's loader does. */
  public static final float PIXEL_SCALE = (float) (1.0 / 255.0);

  public LabeledImages {
    if (images.dtype() != DType.UINT8 || images.rank() != 3) {
      throw new InvalidArgumentException("LabeledImages: expected uint8 images [n, height, width], got "
          + images.dtype() + images.shape());
    }
    if (labels.dtype() != DType.UINT8 || labels.rank() != 1
        || labels.shape().dim(0) != images.shape().dim(0)) {
      throw new InvalidArgumentException("LabeledImages: expected uint8 labels [" + images.shape().dim(0)
          + "] for images " + images.shape() + ", got " + labels.dtype() + labels.shape());
    }
  }

  /** The number of examples. */
  public int size() {
    return labels.shape().dim(0);
  }

  public int height() {
    return images.shape().dim(1);
  }

  public int width() {
    return images.shape().dim(2);
  }

  /** float32 [n, height, width], each pixel times 1/255. */
  public Tensor floatImages() {
    return Tensor.wrap(DType.FLOAT32, images.shape(), scaled());
  }

  /** float32 [n, height * width], each pixel times 1/255: the rows TensorFlow's loader returns. */
  public Tensor flatImages() {
    return Tensor.wrap(DType.FLOAT32, Shape.of(size(), height() * width()), scaled());
  }

  /** int32 [n]: the labels as the tutorial feeds them to its sparse cross-entropy. */
  public Tensor intLabels() {
    byte[] b = labels.uint8Data();
    int[] v = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      v[i] = b[i] & 0xff;
    }
    return Tensor.wrap(DType.INT32, labels.shape(), v);
  }

  /** float32 [n, classes], 1 at each example's label. */
  public Tensor oneHotLabels(int classes) {
    byte[] b = labels.uint8Data();
    float[] v = new float[b.length * classes];
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xff;
      if (c >= classes) {
        throw new InvalidArgumentException("LabeledImages.oneHotLabels: label " + c + " at index " + i
            + " does not fit " + classes + " classes");
      }
      v[i * classes + c] = 1f;
    }
    return Tensor.wrap(DType.FLOAT32, Shape.of(b.length, classes), v);
  }

  /** Examples {@code [from, to)}, copied. */
  public LabeledImages slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new InvalidArgumentException("LabeledImages.slice: [" + from + ", " + to
          + ") is not within [0, " + size() + "]");
    }
    int pixels = height() * width();
    byte[] img = new byte[(to - from) * pixels];
    System.arraycopy(images.uint8Data(), from * pixels, img, 0, img.length);
    byte[] lab = new byte[to - from];
    System.arraycopy(labels.uint8Data(), from, lab, 0, lab.length);
    return new LabeledImages(Tensor.wrap(DType.UINT8, Shape.of(to - from, height(), width()), img),
        Tensor.wrap(DType.UINT8, Shape.of(to - from), lab));
  }

  private float[] scaled() {
    byte[] b = images.uint8Data();
    float[] v = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      v[i] = (b[i] & 0xff) * PIXEL_SCALE;
    }
    return v;
  }
}
