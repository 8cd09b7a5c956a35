package dev.rill.io.events;

import com.google.protobuf.ByteString;
import dev.rill.io.proto.DataClass;
import dev.rill.io.proto.Event;
import dev.rill.io.proto.Summary;
import dev.rill.io.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One logged scalar: its tag, step, wall time (seconds since the epoch) and value.
 *
 * @param tag the summary tag, e.g. {@code loss}
 * @param step the training step it was logged at
 * @param wallTime seconds since the epoch when it was logged
 * @param value the value; a float32 {@code simple_value} widened exactly
 */
public record ScalarEvent(String tag, long step, double wallTime, double value) {
  /** The plugin TF2's {@code tf.summary.scalar} names in a scalar tensor's metadata. */
  public static final String SCALARS_PLUGIN = "scalars";

  /**
   * The scalars of one event: each summary value with a {@code simple_value} (what TF1 and TF's
   * {@code WriteScalarSummary} write), and each single-element numeric tensor whose metadata names
   * the {@code scalars} plugin or the scalar data class (what TF2's {@code tf.summary.scalar}
   * writes). Other values are skipped.
   */
  public static List<ScalarEvent> of(Event event) {
    List<ScalarEvent> out = new ArrayList<>();
    if (!event.hasSummary()) {
      return out;
    }
    for (Summary.Value v : event.getSummary().getValueList()) {
      if (v.hasSimpleValue()) {
        out.add(new ScalarEvent(v.getTag(), event.getStep(), event.getWallTime(),
            v.getSimpleValue()));
      } else if (v.hasTensor() && isScalarSummary(v)) {
        Double x = scalar(v.getTensor());
        if (x != null) {
          out.add(new ScalarEvent(v.getTag(), event.getStep(), event.getWallTime(), x));
        }
      }
    }
    return out;
  }

  private static boolean isScalarSummary(Summary.Value v) {
    return v.getMetadata().getPluginData().getPluginName().equals(SCALARS_PLUGIN)
        || v.getMetadata().getDataClass() == DataClass.DATA_CLASS_SCALAR;
  }

  /** The value of a one-element numeric tensor, or null if it holds anything else. */
  static Double scalar(TensorProto t) {
    long n = 1;
    for (var d : t.getTensorShape().getDimList()) {
      n *= d.getSize();
    }
    if (n != 1 || t.getTensorShape().getUnknownRank()) {
      return null;
    }
    ByteString raw = t.getTensorContent();
    if (!raw.isEmpty()) {
      return fromBytes(t, ByteBuffer.wrap(raw.toByteArray()).order(ByteOrder.LITTLE_ENDIAN));
    }
    return switch (t.getDtype()) {
      case DT_FLOAT -> t.getFloatValCount() > 0 ? (double) t.getFloatVal(0) : null;
      case DT_DOUBLE -> t.getDoubleValCount() > 0 ? t.getDoubleVal(0) : null;
      case DT_INT32, DT_INT16, DT_INT8, DT_UINT8, DT_UINT16 ->
          t.getIntValCount() > 0 ? (double) t.getIntVal(0) : null;
      case DT_INT64 -> t.getInt64ValCount() > 0 ? (double) t.getInt64Val(0) : null;
      case DT_UINT32 -> t.getUint32ValCount() > 0
          ? (double) Integer.toUnsignedLong(t.getUint32Val(0)) : null;
      case DT_UINT64 -> t.getUint64ValCount() > 0
          ? Double.parseDouble(Long.toUnsignedString(t.getUint64Val(0))) : null;
      case DT_BOOL -> t.getBoolValCount() > 0 ? (t.getBoolVal(0) ? 1.0 : 0.0) : null;
      case DT_HALF -> t.getHalfValCount() > 0
          ? (double) Float.float16ToFloat((short) t.getHalfVal(0)) : null;
      case DT_BFLOAT16 -> t.getHalfValCount() > 0
          ? (double) Float.intBitsToFloat(t.getHalfVal(0) << 16) : null;
      default -> null;
    };
  }

  private static Double fromBytes(TensorProto t, ByteBuffer b) {
    int need = switch (t.getDtype()) {
      case DT_DOUBLE, DT_INT64, DT_UINT64 -> 8;
      case DT_FLOAT, DT_INT32, DT_UINT32 -> 4;
      case DT_HALF, DT_BFLOAT16, DT_INT16, DT_UINT16 -> 2;
      case DT_INT8, DT_UINT8, DT_BOOL -> 1;
      default -> 0;
    };
    if (need == 0 || b.remaining() != need) {
      return null;
    }
    return switch (t.getDtype()) {
      case DT_FLOAT -> (double) b.getFloat();
      case DT_DOUBLE -> b.getDouble();
      case DT_INT32 -> (double) b.getInt();
      case DT_INT64 -> (double) b.getLong();
      case DT_UINT32 -> (double) Integer.toUnsignedLong(b.getInt());
      case DT_UINT64 -> Double.parseDouble(Long.toUnsignedString(b.getLong()));
      case DT_INT16 -> (double) b.getShort();
      case DT_UINT16 -> (double) (b.getShort() & 0xffff);
      case DT_HALF -> (double) Float.float16ToFloat(b.getShort());
      case DT_BFLOAT16 -> (double) Float.intBitsToFloat(b.getShort() << 16);
      case DT_INT8 -> (double) b.get();
      case DT_UINT8 -> (double) (b.get() & 0xff);
      case DT_BOOL -> b.get() != 0 ? 1.0 : 0.0;
      default -> null;
    };
  }
}
