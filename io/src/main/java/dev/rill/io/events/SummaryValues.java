package dev.rill.io.events;

import com.google.protobuf.ByteString;
import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.media.PngEncoder;
import dev.rill.io.media.WavEncoder;
import dev.rill.io.proto.DataType;
import dev.rill.io.proto.SummaryMetadata;
import dev.rill.io.proto.Summary;
import dev.rill.io.proto.TensorProto;
import dev.rill.io.proto.TensorShapeProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds summary values as TensorFlow's summary ops build them ({@code WriteScalarSummary},
 * {@code WriteHistogramSummary}, {@code WriteImageSummary}, {@code WriteAudioSummary}, and the
 * text plugin's tensor form), tags included.
 */
final class SummaryValues {
  /** TensorFlow's default colour for pixels with a non-finite channel: opaque red. */
  static final byte[] BAD_COLOR = {(byte) 255, 0, 0, (byte) 255};
  static final String TEXT_PLUGIN = "text";

  private SummaryValues() {}

  static Summary.Value scalar(String tag, float value) {
    return Summary.Value.newBuilder().setTag(tag).setSimpleValue(value).build();
  }

  static Summary.Value histogram(String tag, double[] values) {
    return Summary.Value.newBuilder().setTag(tag).setHisto(Histograms.of(values)).build();
  }

  /**
   * Values widened to double, as TensorFlow widens them before bucketing; any real numeric dtype.
   */
  static double[] histogramInput(Tensor values) {
    if (!values.dtype().isFloating() && !values.dtype().isInteger()) {
      throw InvalidArgumentException.of("SummaryWriter.histogram", "values must be a real numeric "
          + "tensor, got " + values.dtype() + values.shape());
    }
    return values.toDoubleArray();
  }

  /**
   * One value per image of {@code images} {@code [n, height, width, channels]} (uint8 as is,
   * float32/float64 normalised), at most {@code maxImages}, tagged {@code <tag>/image} when
   * {@code maxImages} is 1 and {@code <tag>/image/<i>} otherwise.
   */
  static List<Summary.Value> images(String tag, Tensor images, int maxImages) {
    String op = "SummaryWriter.image";
    if (maxImages < 1) {
      throw InvalidArgumentException.of(op, "maxImages must be at least 1, got " + maxImages);
    }
    Shape s = images.shape();
    if (s.rank() != 4 || s.dim(3) < 1 || s.dim(3) > 4 || s.dim(1) < 1 || s.dim(2) < 1) {
      throw InvalidArgumentException.of(op, "images must be [n, height, width, channels] with "
          + "1 to 4 channels and a non-empty picture, got " + s);
    }
    DType t = images.dtype();
    if (t != DType.UINT8 && t != DType.FLOAT32 && t != DType.FLOAT64) {
      throw InvalidArgumentException.of(op, "images must be uint8, float32 or float64, got " + t);
    }
    int h = s.dim(1);
    int w = s.dim(2);
    int depth = s.dim(3);
    int pixels = h * w;
    int size = pixels * depth;
    int n = Math.min(s.dim(0), maxImages);
    List<Summary.Value> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int offset = i * size;
      byte[] rgb = switch (t) {
        case UINT8 -> Arrays.copyOfRange(images.uint8Data(), offset, offset + size);
        case FLOAT32 -> ImageNormalizer.normalize(images.floatData(), offset, pixels, depth,
            BAD_COLOR);
        default -> ImageNormalizer.normalize(images.doubleData(), offset, pixels, depth,
            BAD_COLOR);
      };
      Summary.Image image = Summary.Image.newBuilder()
          .setHeight(h).setWidth(w).setColorspace(depth)
          .setEncodedImageString(ByteString.copyFrom(PngEncoder.encode(rgb, w, h, depth)))
          .build();
      out.add(Summary.Value.newBuilder().setTag(numbered(tag, "image", maxImages, i))
          .setImage(image).build());
    }
    return out;
  }

  /**
   * One value per clip of {@code clips} {@code [n, frames, channels]} float32, at most
   * {@code maxOutputs}, tagged {@code <tag>/audio} or {@code <tag>/audio/<i>}.
   */
  static List<Summary.Value> audio(String tag, Tensor clips, float sampleRate, int maxOutputs) {
    String op = "SummaryWriter.audio";
    if (maxOutputs < 1) {
      throw InvalidArgumentException.of(op, "maxOutputs must be at least 1, got " + maxOutputs);
    }
    Shape s = clips.shape();
    if (clips.dtype() != DType.FLOAT32 || s.rank() != 3 || s.dim(2) < 1) {
      throw InvalidArgumentException.of(op, "clips must be float32 [n, frames, channels] with at "
          + "least one channel, got " + clips.dtype() + s);
    }
    if (!(sampleRate > 0) || Float.isInfinite(sampleRate)) {
      throw InvalidArgumentException.of(op, "sample rate must be positive, got " + sampleRate);
    }
    // The WAV header holds an integer rate: rounded to nearest, ties to even, as lrintf does.
    int rate = (int) Math.rint(sampleRate);
    int frames = s.dim(1);
    int channels = s.dim(2);
    int size = frames * channels;
    int n = Math.min(s.dim(0), maxOutputs);
    List<Summary.Value> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] samples = Arrays.copyOfRange(clips.floatData(), i * size, (i + 1) * size);
      Summary.Audio audio = Summary.Audio.newBuilder()
          .setSampleRate(sampleRate).setNumChannels(channels).setLengthFrames(frames)
          .setContentType("audio/wav")
          .setEncodedAudioString(ByteString.copyFrom(WavEncoder.encode(samples, channels, rate)))
          .build();
      out.add(Summary.Value.newBuilder().setTag(numbered(tag, "audio", maxOutputs, i))
          .setAudio(audio).build());
    }
    return out;
  }

  /** A string scalar tensor owned by TensorBoard's text plugin, which renders it as Markdown. */
  static Summary.Value text(String tag, String text) {
    TensorProto tensor = TensorProto.newBuilder()
        .setDtype(DataType.DT_STRING)
        .setTensorShape(TensorShapeProto.getDefaultInstance())
        .addStringVal(ByteString.copyFrom(text, StandardCharsets.UTF_8))
        .build();
    return Summary.Value.newBuilder().setTag(tag).setMetadata(plugin(TEXT_PLUGIN))
        .setTensor(tensor).build();
  }

  static SummaryMetadata plugin(String name) {
    return SummaryMetadata.newBuilder()
        .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(name))
        .build();
  }

  private static String numbered(String tag, String kind, int max, int i) {
    return max == 1 ? tag + "/" + kind : tag + "/" + kind + "/" + i;
  }
}
