package dev.rill.core;

import java.nio.charset.StandardCharsets;

/** Renders tensors as NumPy does: nested brackets, at most 3 leading and 3 trailing per axis. */
final class TensorFormat {
  private static final int EDGE = 3;
  private static final int SUMMARIZE_ABOVE = 1000;

  private TensorFormat() {}

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder("Tensor(");
    boolean summarize = t.size() > SUMMARIZE_ABOVE;
    appendAxis(sb, t, 0, 0, summarize);
    sb.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype()).append(')');
    return sb.toString();
  }

  private static void appendAxis(StringBuilder sb, Tensor t, int axis, int offset, boolean summarize) {
    Shape s = t.shape();
    if (axis == s.rank()) {
      appendElement(sb, t, offset);
      return;
    }
    int n = s.dim(axis);
    int stride = s.size(axis + 1, s.rank());
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (summarize && n > 2 * EDGE && i == EDGE) {
        sb.append("...");
        i = n - EDGE - 1;
        sb.append(axis == s.rank() - 1 ? ", " : ",\n" + " ".repeat(axis + 8));
        continue;
      }
      appendAxis(sb, t, axis + 1, offset + i * stride, summarize);
      if (i < n - 1) {
        sb.append(axis == s.rank() - 1 ? ", " : ",\n" + " ".repeat(axis + 8));
      }
    }
    sb.append(']');
  }

  private static void appendElement(StringBuilder sb, Tensor t, int i) {
    switch (t.dtype()) {
      case FLOAT32 -> sb.append(t.floatData()[i]);
      case FLOAT64 -> sb.append(t.doubleData()[i]);
      case INT32 -> sb.append(t.intData()[i]);
      case INT64 -> sb.append(t.longData()[i]);
      case BOOL -> sb.append(t.boolData()[i]);
      case UINT8 -> sb.append(t.uint8Data()[i] & 0xff);
      case STRING -> sb.append('"').append(new String(t.stringData()[i], StandardCharsets.UTF_8))
          .append('"');
      case COMPLEX64 -> {
        float re = t.complexData()[2 * i];
        float im = t.complexData()[2 * i + 1];
        sb.append(re).append(im < 0 || Float.isNaN(im) ? "" : "+").append(im).append('j');
      }
    }
  }
}
