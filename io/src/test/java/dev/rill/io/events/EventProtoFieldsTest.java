package dev.rill.io.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rill's event protos against the descriptors compiled into TF Java (TensorFlow's own .proto
 * files): every field with the same number, name, type, cardinality, packing and oneof, nested
 * messages and enums included, so the bytes interoperate both ways.
 */
class EventProtoFieldsTest {
  /** TensorProto's resource-handle and variant fields, which Rill leaves out. */
  static final Set<String> NOT_MODELLED =
      Set.of("tensorflow.TensorProto.resource_handle_val", "tensorflow.TensorProto.variant_val");

  private final Set<String> compared = new HashSet<>();

  @Test
  void eventAndEverythingItHoldsMatchTensorFlow() {
    compare(dev.rill.io.proto.Event.getDescriptor(), org.tensorflow.proto.Event.getDescriptor());
    assertThat(compared).contains("tensorflow.Event", "tensorflow.Summary",
        "tensorflow.Summary.Value", "tensorflow.Summary.Image", "tensorflow.Summary.Audio",
        "tensorflow.SummaryMetadata", "tensorflow.SummaryMetadata.PluginData",
        "tensorflow.HistogramProto", "tensorflow.TensorProto", "tensorflow.TensorShapeProto",
        "tensorflow.TensorShapeProto.Dim", "tensorflow.LogMessage", "tensorflow.SessionLog",
        "tensorflow.TaggedRunMetadata", "tensorflow.SourceMetadata", "tensorflow.DataType",
        "tensorflow.DataClass", "tensorflow.LogMessage.Level",
        "tensorflow.SessionLog.SessionStatus");
  }

  private void compare(Descriptor ours, Descriptor theirs) {
    assertThat(ours.getFullName()).isEqualTo(theirs.getFullName());
    if (!compared.add(ours.getFullName())) {
      return;
    }
    for (FieldDescriptor t : theirs.getFields()) {
      if (NOT_MODELLED.contains(t.getFullName())) {
        assertThat(ours.findFieldByNumber(t.getNumber())).isNull();
        continue;
      }
      FieldDescriptor o = ours.findFieldByNumber(t.getNumber());
      String what = t.getFullName();
      assertThat(o).as(what).isNotNull();
      assertThat(o.getName()).as(what).isEqualTo(t.getName());
      assertThat(o.getType()).as(what).isEqualTo(t.getType());
      assertThat(o.isRepeated()).as(what).isEqualTo(t.isRepeated());
      assertThat(o.isPacked()).as(what).isEqualTo(t.isPacked());
      assertThat(o.getRealContainingOneof() == null ? null : o.getRealContainingOneof().getName())
          .as(what).isEqualTo(t.getRealContainingOneof() == null ? null
              : t.getRealContainingOneof().getName());
      if (t.getType() == FieldDescriptor.Type.MESSAGE) {
        compare(o.getMessageType(), t.getMessageType());
      } else if (t.getType() == FieldDescriptor.Type.ENUM) {
        compare(o.getEnumType(), t.getEnumType());
      }
    }
    for (FieldDescriptor o : ours.getFields()) {
      assertThat(theirs.findFieldByNumber(o.getNumber())).as(o.getFullName()).isNotNull();
    }
  }

  private void compare(EnumDescriptor ours, EnumDescriptor theirs) {
    assertThat(ours.getFullName()).isEqualTo(theirs.getFullName());
    compared.add(ours.getFullName());
    for (EnumValueDescriptor o : ours.getValues()) {
      EnumValueDescriptor t = theirs.findValueByName(o.getName());
      assertThat(t).as(o.getFullName()).isNotNull();
      assertThat(o.getNumber()).as(o.getFullName()).isEqualTo(t.getNumber());
    }
    if (!ours.getFullName().equals("tensorflow.DataType")) {
      // DataType: Rill lists the values below 100 (TF adds *_REF variants); the others are whole.
      assertThat(ours.getValues()).hasSameSizeAs(theirs.getValues());
    }
  }
}
