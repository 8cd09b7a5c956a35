package dev.rill.io.tfrecord;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.proto.DataType;

/**
 * TensorFlow's own TFRecord reader and writer (the tf.data ops {@code TFRecordDataset} and
 * {@code DatasetToTFRecord}), run through TF Java on test scope: the oracle for Rill's files.
 */
final class TfRecordOracle {
  private static final org.tensorflow.ndarray.Shape[] SCALAR = {org.tensorflow.ndarray.Shape.scalar()};
  private static final DataType[] STRING = {DataType.DT_STRING};

  private TfRecordOracle() {}

  /** Every payload of {@code file} as {@code TFRecordDataset(file, compression_type)} yields it. */
  static List<byte[]> read(Path file, Compression compression) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Output<?> dataset = g.opBuilder("TFRecordDataset", "records", g.baseScope())
          .addInput(TfOracle.constant(g, "file", Tensor.scalar(file.toString())))
          .addInput(TfOracle.constant(g, "compression", Tensor.scalar(compression.tfName())))
          .addInput(TfOracle.constant(g, "buffer", Tensor.scalar(256L * 1024)))
          .build().output(0);
      Output<?> iterator = g.opBuilder("IteratorV2", "iterator", g.baseScope())
          .setAttr("shared_name", "")
          .setAttr("container", "")
          .setAttr("output_types", STRING)
          .setAttr("output_shapes", SCALAR)
          .build().output(0);
      GraphOperation make = g.opBuilder("MakeIterator", "make", g.baseScope())
          .addInput(dataset).addInput(iterator).build();
      Output<?> next = g.opBuilder("IteratorGetNext", "next", g.baseScope())
          .addInput(iterator)
          .setAttr("output_types", STRING)
          .setAttr("output_shapes", SCALAR)
          .build().output(0);
      s.runner().addTarget(make).run();
      List<byte[]> out = new ArrayList<>();
      while (true) {
        try (Result r = s.runner().fetch(next).run()) {
          out.add(TfOracle.fromTf(r.get(0)).stringData()[0]);
        } catch (TFOutOfRangeException end) {
          return out;
        }
      }
    }
  }

  /** Writes {@code payloads} to {@code file} with TF's {@code DatasetToTFRecord}. */
  static void write(Path file, Compression compression, List<byte[]> payloads) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Tensor all = Tensor.wrap(DType.STRING, Shape.of(payloads.size()),
          payloads.toArray(byte[][]::new));
      Output<?> slices = g.opBuilder("TensorSliceDataset", "slices", g.baseScope())
          .addInputList(new Output<?>[] {TfOracle.constant(g, "payloads", all)})
          .setAttr("Toutput_types", STRING)
          .setAttr("output_shapes", SCALAR)
          .build().output(0);
      GraphOperation write = g.opBuilder("DatasetToTFRecord", "write", g.baseScope())
          .addInput(slices)
          .addInput(TfOracle.constant(g, "file", Tensor.scalar(file.toString())))
          .addInput(TfOracle.constant(g, "compression", Tensor.scalar(compression.tfName())))
          .build();
      s.runner().addTarget(write).run();
    }
  }
}
