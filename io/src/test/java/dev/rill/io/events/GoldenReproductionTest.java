package dev.rill.io.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.io.proto.DataType;
import dev.rill.io.proto.Event;
import dev.rill.io.proto.Summary;
import dev.rill.io.proto.TensorProto;
import dev.rill.io.proto.TensorShapeProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs what TensorFlow logged into the golden files, with Rill's writer, and matches the sidecar:
 * tags, steps, simple values, every histogram field and bucket, the pixels of every PNG and the
 * bytes of every WAV.
 */
class GoldenReproductionTest {
  @TempDir
  Path tmp;

  private static JsonNode logged(String name) {
    return GoldenEvents.file(name).get("logged");
  }

  /** The audio the oracle logged: {@code 0.5*sin(2*pi*440*(clip+1)*i/16000)}, clips [2, 400]. */
  private static Tensor v2Audio() {
    float[] d = new float[2 * 400];
    for (int clip = 0; clip < 2; clip++) {
      for (int i = 0; i < 400; i++) {
        d[clip * 400 + i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * (clip + 1) * i / 16000));
      }
    }
    return Tensor.of(Shape.of(2, 400, 1), d);
  }

  /** The tone of the TF1 file at {@code step}: {@code 0.25*(k+1)*sin(2*pi*1000*i/8000)}. */
  private static Tensor tone(long step) {
    int k = (int) (step / 10 - 1);
    float[] d = new float[160];
    for (int i = 0; i < 160; i++) {
      d[i] = (float) (0.25 * (k + 1) * Math.sin(2 * Math.PI * 1000 * i / 8000));
    }
    return Tensor.of(Shape.of(1, 160, 1), d);
  }

  @Test
  void tf2StyleCallsGiveTensorFlowsEvents() throws IOException {
    List<Event> golden = EventFileReader.readAll(GoldenEvents.path(GoldenEvents.V2));
    Path file;
    try (SummaryWriter w = SummaryWriter.create(tmp)) {
      file = w.file();
      for (JsonNode call : logged(GoldenEvents.V2)) {
        long step = call.get("step").asLong();
        String tag = call.has("tag") ? call.get("tag").asText() : null;
        switch (call.get("op").asText()) {
          // Rill has no GraphDef of its own; the raw event path carries TF's bytes.
          case "WriteGraphSummary" -> w.write(Event.newBuilder().setStep(step)
              .setGraphDef(golden.get(1).getGraphDef()).build());
          case "WriteScalarSummary" -> w.scalar(tag, call.get("value").asDouble(), step);
          case "WriteHistogramSummary" -> w.histogram(tag, Golden.tensor(call.get("values")), step);
          case "WriteImageSummary" -> w.image(tag, Golden.tensor(call.get("tensor")),
              call.get("max_images").asInt(), step);
          case "WriteAudioSummary" -> w.audio(tag, v2Audio(),
              (float) call.get("sample_rate").asDouble(), call.get("max_outputs").asInt(), step);
          case "WriteSummary" -> {
            if (tag.equals("notes")) {
              w.text(tag, golden.get(11).getSummary().getValue(0).getTensor().getStringVal(0)
                  .toStringUtf8(), step);
            } else {
              // TF2's tensor form of a scalar, as Python's tf.summary.scalar writes it.
              w.write(Summary.newBuilder().addValue(scalarTensor(tag, 0.25f)).build(), step);
            }
          }
          default -> throw new AssertionError("unexpected call " + call);
        }
      }
    }
    GoldenEvents.assertMatches(EventFileReader.readAll(file), Collections.nCopies(13, -1L),
        GoldenEvents.file(GoldenEvents.V2).get("decoded_events"), false);
  }

  @Test
  void tf1StyleMergedSummariesGiveTensorFlowsEvents() throws IOException {
    Path file;
    try (SummaryWriter w = SummaryWriter.builder(tmp).filenameSuffix("tf1").build()) {
      file = w.file();
      for (JsonNode stepCall : logged(GoldenEvents.TF1)) {
        long step = stepCall.get("step").asLong();
        List<Summary.Value> merged = new ArrayList<>();
        for (JsonNode call : stepCall.get("merged")) {
          String tag = call.get("tag").asText();
          switch (call.get("op").asText()) {
            case "ScalarSummary" ->
                merged.add(SummaryValues.scalar(tag, (float) call.get("value").asDouble()));
            case "HistogramSummary" -> merged.add(SummaryValues.histogram(tag,
                SummaryValues.histogramInput(Golden.tensor(call.get("values")))));
            case "ImageSummary" -> merged.addAll(SummaryValues.images(tag,
                Golden.tensor(call.get("tensor")), call.get("max_images").asInt()));
            case "AudioSummaryV2" -> merged.addAll(SummaryValues.audio(tag, tone(step),
                (float) call.get("sample_rate").asDouble(), call.get("max_outputs").asInt()));
            case "TensorSummaryV2" -> merged.add(SummaryValues.text(tag, "step " + step));
            default -> throw new AssertionError("unexpected call " + call);
          }
        }
        w.write(Summary.newBuilder().addAllValue(merged).build(), step);
      }
    }
    GoldenEvents.assertMatches(EventFileReader.readAll(file), Collections.nCopies(3, -1L),
        GoldenEvents.file(GoldenEvents.TF1).get("decoded_events"), false);
  }

  static Summary.Value scalarTensor(String tag, float v) {
    byte[] raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
    return Summary.Value.newBuilder().setTag(tag)
        .setMetadata(SummaryValues.plugin(ScalarEvent.SCALARS_PLUGIN))
        .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .setTensorContent(ByteString.copyFrom(raw)))
        .build();
  }
}
