package dev.rill.data.cifar;

/**
 * The two binary layouts of the CIFAR data sets: every record is its label byte(s) followed by a
 * 32x32 colour image as three 1024-byte planes (red, green, blue), each row-major.
 */
public enum CifarFormat {
  /** CIFAR-10: one label byte (0-9), 3073 bytes per record. */
  CIFAR10(1, 10),
  /** CIFAR-100: a coarse label (0-19) then a fine label (0-99), 3074 bytes per record. */
  CIFAR100(2, 100);

  /** Image height and width. */
  public static final int SIDE = 32;
  /** Bytes of one image: 3 planes of 32x32. */
  public static final int IMAGE_BYTES = 3 * SIDE * SIDE;

  private final int labelBytes;
  private final int classes;

  CifarFormat(int labelBytes, int classes) {
    this.labelBytes = labelBytes;
    this.classes = classes;
  }

  /** Label bytes before each image. */
  public int labelBytes() {
    return labelBytes;
  }

  /** Bytes per record: label bytes plus the image. */
  public int recordBytes() {
    return labelBytes + IMAGE_BYTES;
  }

  /** Number of (fine) classes; the label that is yielded is below this. */
  public int classes() {
    return classes;
  }

  /** The exclusive upper bound of label byte {@code i}. */
  int labelLimit(int i) {
    return this == CIFAR100 && i == 0 ? 20 : classes;
  }
}
