package dev.rill.data.csv;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns CSV records into tensors with TensorFlow's {@code tf.io.decode_csv} semantics. One record
 * default per kept column gives the column's type (float32, float64, int32, int64 or string) and
 * its value when the field is empty or equals {@link CsvOptions#naValue()}; a column whose default
 * is an empty 1-D tensor (see {@link #required(DType)}) has no default, so an empty field there is
 * an error.
 *
 * {@snippet :
 * CsvDecoder decoder = new CsvDecoder(List.of(
 *     Tensor.scalar(0f),                 // float32, default 0
 *     CsvDecoder.required(DType.INT64),  // int64, must be present
 *     Tensor.scalar("")), CsvOptions.DEFAULT);
 * List<Tensor> row = decoder.decode("1.5,7,\"a, b\"");  // [1.5f, 7L, "a, b"] as scalars
 * }
 *
 * <p>Everything that does not fit ends in a {@link CsvFormatException} naming the source, the line
 * and the column. Instances are immutable and may be shared between threads.
 */
public final class CsvDecoder {
  private final Tensor[] defaults;
  private final CsvOptions options;
  private final byte[] na;

  /**
   * @param recordDefaults one per kept column (per selected column when
   *     {@link CsvOptions#selectCols()} is set): a scalar default, or an empty 1-D tensor of the
   *     column's type for a required column
   */
  public CsvDecoder(List<Tensor> recordDefaults, CsvOptions options) {
    if (recordDefaults.isEmpty()) {
      throw new IllegalArgumentException("CsvDecoder: at least one record default is needed");
    }
    if (options.selects() && options.selectCols().length != recordDefaults.size()) {
      throw new IllegalArgumentException("CsvDecoder: " + recordDefaults.size()
          + " record defaults for " + options.selectCols().length + " selected columns "
          + Arrays.toString(options.selectCols()));
    }
    this.defaults = recordDefaults.toArray(new Tensor[0]);
    for (int i = 0; i < defaults.length; i++) {
      Tensor d = defaults[i];
      DType t = d.dtype();
      if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT32 && t != DType.INT64
          && t != DType.STRING) {
        throw new IllegalArgumentException("CsvDecoder: record default " + i + " is " + t
            + "; columns are float32, float64, int32, int64 or string");
      }
      boolean scalar = d.rank() == 0;
      boolean empty = d.rank() == 1 && d.size() == 0;
      if (!scalar && !empty) {
        throw new IllegalArgumentException("CsvDecoder: record default " + i + " must be a scalar"
            + " or an empty 1-D tensor (required column), got shape " + d.shape());
      }
    }
    this.options = options;
    this.na = options.naValue().getBytes(StandardCharsets.UTF_8);
  }

  /** The default of a required column of type {@code type}: an empty 1-D tensor. */
  public static Tensor required(DType type) {
    return Tensor.wrap(type, Shape.of(0), Tensor.allocate(type, 0));
  }

  /** How many tensors a record decodes to. */
  public int columns() {
    return defaults.length;
  }

  /** The type of each decoded column. */
  public List<DType> types() {
    List<DType> out = new ArrayList<>();
    for (Tensor d : defaults) {
      out.add(d.dtype());
    }
    return out;
  }

  public CsvOptions options() {
    return options;
  }

  /** The record defaults, in column order. */
  public List<Tensor> recordDefaults() {
    return List.of(defaults);
  }

  /** Decodes one record given as text; errors name it as {@code <record>}, line 1. */
  public List<Tensor> decode(String record) throws CsvFormatException {
    byte[] b = record.getBytes(StandardCharsets.UTF_8);
    return decode(b, b.length, "<record>", 1);
  }

  /**
   * Decodes the record {@code rec[0, len)} (no line break at the end) into one scalar per column;
   * {@code file} and {@code line} only go into error messages.
   */
  public List<Tensor> decode(byte[] rec, int len, String file, long line)
      throws CsvFormatException {
    Object[] values = values(rec, len, file, line);
    Tensor[] out = new Tensor[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = switch (values[i]) {
        case Float f -> Tensor.scalar(f.floatValue());
        case Double d -> Tensor.scalar(d.doubleValue());
        case Integer n -> Tensor.scalar(n.intValue());
        case Long n -> Tensor.scalar(n.longValue());
        case byte[] s -> Tensor.wrap(DType.STRING, Shape.scalar(), new byte[][] {s});
        default -> throw new IllegalStateException();
      };
    }
    return List.of(out);
  }

  /**
   * {@code tf.io.decode_csv} on a string tensor of any shape: one tensor per column, each of the
   * records' shape. Errors name {@code source} and count records from 1 in row-major order as
   * lines.
   */
  public List<Tensor> decodeCsv(Tensor records, String source) throws CsvFormatException {
    byte[][] in = records.stringData();
    int n = in.length;
    Object[] cols = new Object[defaults.length];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = Tensor.allocate(defaults[c].dtype(), n);
    }
    for (int r = 0; r < n; r++) {
      Object[] v = values(in[r], in[r].length, source, r + 1);
      for (int c = 0; c < v.length; c++) {
        switch (v[c]) {
          case Float f -> ((float[]) cols[c])[r] = f;
          case Double d -> ((double[]) cols[c])[r] = d;
          case Integer k -> ((int[]) cols[c])[r] = k;
          case Long k -> ((long[]) cols[c])[r] = k;
          case byte[] s -> ((byte[][]) cols[c])[r] = s;
          default -> throw new IllegalStateException();
        }
      }
    }
    List<Tensor> out = new ArrayList<>();
    for (int c = 0; c < cols.length; c++) {
      out.add(Tensor.wrap(defaults[c].dtype(), records.shape(), cols[c]));
    }
    return out;
  }

  /** The boxed values of one record (Float, Double, Integer, Long or byte[]). */
  Object[] values(byte[] rec, int len, String file, long line) throws CsvFormatException {
    byte[][] fields = CsvSplitter.split(rec, len, options, defaults.length, file, line);
    int[] select = options.selectCols();
    Object[] out = new Object[defaults.length];
    for (int i = 0; i < defaults.length; i++) {
      int column = select.length > 0 ? select[i] : i;
      byte[] f = fields[i];
      Tensor d = defaults[i];
      if (f.length == 0 || (na.length > 0 && Arrays.equals(f, na))) {
        if (d.rank() != 0) {
          throw new CsvFormatException(file, line, column, "the column is required but the field"
              + " is empty");
        }
        out[i] = defaultValue(d);
        continue;
      }
      try {
        out[i] = switch (d.dtype()) {
          case FLOAT32 -> CsvNumbers.parseFloat(f);
          case FLOAT64 -> CsvNumbers.parseDouble(f);
          case INT32 -> (int) CsvNumbers.parseLong(f, Integer.MIN_VALUE, Integer.MAX_VALUE);
          case INT64 -> CsvNumbers.parseLong(f, Long.MIN_VALUE, Long.MAX_VALUE);
          default -> f;
        };
      } catch (NumberFormatException e) {
        throw new CsvFormatException(file, line, column, "'" + shown(f) + "' is not a valid "
            + d.dtype().tfName());
      }
    }
    return out;
  }

  private static Object defaultValue(Tensor d) {
    return switch (d.dtype()) {
      case FLOAT32 -> d.floatData()[0];
      case FLOAT64 -> d.doubleData()[0];
      case INT32 -> d.intData()[0];
      case INT64 -> d.longData()[0];
      default -> d.stringData()[0];
    };
  }

  /** The field for a message: at most 40 characters, control characters escaped. */
  private static String shown(byte[] f) {
    String s = new String(f, 0, Math.min(f.length, 40), StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return f.length > 40 ? b + "..." : b.toString();
  }
}
