package dev.rill.io.events;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;

/** TensorFlow's own record reader and summary/codec ops, run through TF Java (test scope). */
final class TfEvents {
  private TfEvents() {}

  /**
   * Every record payload of {@code file}, read by TensorFlow's {@code TFRecordDataset} (which
   * checks both CRCs of each record), batched into one string vector.
   */
  static List<byte[]> records(Path file) {
    org.tensorflow.ndarray.Shape[] vector = {org.tensorflow.ndarray.Shape.of(-1)};
    DataType[] strings = {DataType.DT_STRING};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      GraphOperation records = g.opBuilder("TFRecordDataset", "records", g.baseScope())
          .addInput(TfOracle.constant(g, "names", Tensor.ofStrings(Shape.of(1), file.toString())))
          .addInput(TfOracle.constant(g, "compression", Tensor.scalar("")))
          .addInput(TfOracle.constant(g, "buffer", Tensor.scalar(256L * 1024)))
          .build();
      GraphOperation batch = g.opBuilder("BatchDatasetV2", "batch", g.baseScope())
          .addInput(records.output(0))
          .addInput(TfOracle.constant(g, "size", Tensor.scalar(1_000_000L)))
          .addInput(TfOracle.constant(g, "drop", Tensor.scalar(false)))
          .setAttr("output_types", strings)
          .setAttr("output_shapes", vector)
          .build();
      GraphOperation single = g.opBuilder("DatasetToSingleElement", "single", g.baseScope())
          .addInput(batch.output(0))
          .setAttr("output_types", strings)
          .setAttr("output_shapes", vector)
          .build();
      try (Result r = s.runner().fetch(single.output(0)).run()) {
        byte[][] data = TfOracle.fromTf(r.get(0)).stringData();
        return new ArrayList<>(List.of(data));
      }
    }
  }

  /** A string scalar holding arbitrary bytes. */
  static Tensor bytes(byte[] b) {
    return Tensor.wrap(DType.STRING, Shape.scalar(), new byte[][] {b});
  }

  /** TF's {@code DecodePng} with the file's own channel count: uint8 [h, w, c]. */
  static Tensor decodePng(byte[] png) {
    return TfOracle.run("DecodePng", List.of(bytes(png)), Map.of("channels", 0L), 1).get(0);
  }

  /** TF's {@code DecodeWav}: float32 [frames, channels] and the sample rate. */
  static List<Tensor> decodeWav(byte[] wav) {
    return TfOracle.run("DecodeWav", List.of(bytes(wav)), Map.of(), 2);
  }

  /** TF's {@code EncodeWav} of float32 [frames, channels]. */
  static byte[] encodeWav(Tensor audio, int sampleRate) {
    return TfOracle.run("EncodeWav", List.of(audio, Tensor.scalar(sampleRate)), Map.of(), 1)
        .get(0).stringData()[0];
  }

  /** The serialized Summary of TF1's {@code op}({@code tag}, {@code input}, more...). */
  static org.tensorflow.proto.Summary summary(String op, String tag, Tensor input,
      List<Tensor> more, Map<String, Object> attrs) throws Exception {
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(Tensor.scalar(tag));
    inputs.add(input);
    inputs.addAll(more);
    byte[] bytes = TfOracle.run(op, inputs, attrs, 1).get(0).stringData()[0];
    return org.tensorflow.proto.Summary.parseFrom(bytes);
  }
}
