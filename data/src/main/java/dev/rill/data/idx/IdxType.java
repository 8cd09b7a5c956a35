package dev.rill.data.idx;

import dev.rill.core.DType;

/**
 * The element types an IDX file can hold (the third byte of its magic number), with the Rill dtype
 * each is read into. Signed bytes and shorts have no dtype of their own and widen to int32.
 */
public enum IdxType {
  UBYTE(0x08, 1, DType.UINT8),
  BYTE(0x09, 1, DType.INT32),
  SHORT(0x0B, 2, DType.INT32),
  INT(0x0C, 4, DType.INT32),
  FLOAT(0x0D, 4, DType.FLOAT32),
  DOUBLE(0x0E, 8, DType.FLOAT64);

  private final int code;
  private final int byteSize;
  private final DType dtype;

  IdxType(int code, int byteSize, DType dtype) {
    this.code = code;
    this.byteSize = byteSize;
    this.dtype = dtype;
  }

  /** The type byte in the magic number. */
  public int code() {
    return code;
  }

  /** Bytes per element in the file. */
  public int byteSize() {
    return byteSize;
  }

  /** The dtype of the tensor the reader returns. */
  public DType dtype() {
    return dtype;
  }

  /** The type with this code, or null. */
  public static IdxType ofCode(int code) {
    for (IdxType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  /** The type a tensor of {@code dtype} is written as, or null if IDX cannot hold it. */
  public static IdxType forDType(DType dtype) {
    return switch (dtype) {
      case UINT8 -> UBYTE;
      case INT32 -> INT;
      case FLOAT32 -> FLOAT;
      case FLOAT64 -> DOUBLE;
      default -> null;
    };
  }

  /** The codes for error messages: "0x08 (ubyte), 0x09 (byte), ...". */
  static String allCodes() {
    StringBuilder sb = new StringBuilder();
    for (IdxType t : values()) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(String.format("0x%02X (%s)", t.code, t.name().toLowerCase(java.util.Locale.ROOT)));
    }
    return sb.toString();
  }
}
