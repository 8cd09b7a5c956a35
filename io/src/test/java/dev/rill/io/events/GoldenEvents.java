package dev.rill.io.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.testing.Golden;
import dev.rill.io.proto.Event;
import dev.rill.io.proto.HistogramProto;
import dev.rill.io.proto.Summary;
import dev.rill.io.proto.TensorProto;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The two event files TensorFlow 2.18 wrote (test resources {@code golden/events/}) and their
 * sidecar, plus the comparison of decoded events with the sidecar's {@code decoded_events}.
 */
final class GoldenEvents {
  static final JsonNode SIDECAR = Golden.load("events/events.json");
  static final String V2 = "events.out.tfevents.1795873647.oracle.26564.0.v2";
  static final String TF1 = "events.out.tfevents.1795873647.oracle.26564.1.tf1";

  private GoldenEvents() {}

  static Path path(String name) {
    try {
      return Path.of(GoldenEvents.class.getResource("/golden/events/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sidecar entry of {@code name}. */
  static JsonNode file(String name) {
    for (JsonNode f : SIDECAR.get("files")) {
      if (f.get("file").asText().endsWith("/" + name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no sidecar entry for " + name);
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  static byte[] base64(JsonNode n) {
    return Base64.getDecoder().decode(n.asText());
  }

  static double[] doubles(JsonNode array) {
    return list(array).stream().mapToDouble(n -> Double.parseDouble(n.asText())).toArray();
  }

  static int[] ints(JsonNode array) {
    return list(array).stream().mapToInt(JsonNode::asInt).toArray();
  }

  /** Every sample of a PNG, row-major with channels interleaved, decoded by the JDK's ImageIO. */
  static int[] pixels(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that {@code events} match the sidecar's {@code decoded_events}, never comparing wall
   * times after the first record. {@code sameBytes}: the PNG bytes and record offsets must equal
   * TensorFlow's (true when reading TF's own file); otherwise PNGs must decode to TF's pixels.
   */
  static void assertMatches(List<Event> events, List<Long> offsets, JsonNode expected,
      boolean sameBytes) {
    List<JsonNode> exp = list(expected);
    assertThat(events).hasSize(exp.size());
    for (int i = 0; i < exp.size(); i++) {
      Event e = events.get(i);
      JsonNode x = exp.get(i);
      String where = "event " + i;
      assertThat(e.getStep()).as(where + " step").isEqualTo(x.get("step").asLong());
      if (sameBytes) {
        assertThat(offsets.get(i)).as(where + " offset").isEqualTo(x.get("record_offset").asLong());
        assertThat(e.getSerializedSize()).as(where + " length")
            .isEqualTo(x.get("record_length").asInt());
      }
      if (x.has("file_version")) {
        assertThat(e.getFileVersion()).isEqualTo(x.get("file_version").asText());
        if (sameBytes) {
          assertThat(e.getWallTime()).isEqualTo(x.get("wall_time").asDouble());
        } else {
          assertThat(e.getWallTime()).as("whole seconds").isEqualTo(Math.rint(e.getWallTime()));
        }
      } else if (x.has("graph_def")) {
        assertThat(e.getGraphDef().size()).isEqualTo(x.get("graph_def").get("bytes").asInt());
      } else {
        assertThat(e.hasSummary()).as(where).isTrue();
        List<JsonNode> values = list(x.get("summary").get("value"));
        assertThat(e.getSummary().getValueCount()).as(where).isEqualTo(values.size());
        for (int j = 0; j < values.size(); j++) {
          assertValue(where + " value " + j, e.getSummary().getValue(j), values.get(j), sameBytes);
        }
      }
    }
  }

  static void assertValue(String where, Summary.Value v, JsonNode x, boolean sameBytes) {
    assertThat(v.getTag()).as(where).isEqualTo(x.get("tag").asText());
    where += " (" + v.getTag() + ")";
    if (x.has("metadata")) {
      assertThat(v.getMetadata().getPluginData().getPluginName()).as(where)
          .isEqualTo(x.get("metadata").get("plugin_name").asText());
    } else {
      assertThat(v.hasMetadata()).as(where + " has metadata").isFalse();
    }
    if (x.has("simple_value")) {
      assertThat(v.hasSimpleValue()).as(where).isTrue();
      assertThat(v.getSimpleValue()).as(where)
          .isEqualTo(Float.parseFloat(x.get("simple_value").asText()));
    } else if (x.has("histo")) {
      assertHisto(where, v.getHisto(), x.get("histo"));
    } else if (x.has("image")) {
      JsonNode im = x.get("image");
      Summary.Image image = v.getImage();
      assertThat(image.getHeight()).as(where).isEqualTo(im.get("height").asInt());
      assertThat(image.getWidth()).as(where).isEqualTo(im.get("width").asInt());
      assertThat(image.getColorspace()).as(where).isEqualTo(im.get("colorspace").asInt());
      byte[] png = image.getEncodedImageString().toByteArray();
      if (sameBytes) {
        assertThat(png).as(where).isEqualTo(base64(im.get("encoded_image_string_base64")));
      }
      JsonNode decoded = im.get("decoded_pixels_by_tf_DecodePng");
      assertThat(pixels(png)).as(where + " pixels").containsExactly(ints(decoded.get("data")));
    } else if (x.has("audio")) {
      JsonNode au = x.get("audio");
      Summary.Audio audio = v.getAudio();
      assertThat(audio.getSampleRate()).as(where)
          .isEqualTo(Float.parseFloat(au.get("sample_rate").asText()));
      assertThat(audio.getNumChannels()).as(where).isEqualTo(au.get("num_channels").asLong());
      assertThat(audio.getLengthFrames()).as(where).isEqualTo(au.get("length_frames").asLong());
      assertThat(audio.getContentType()).as(where).isEqualTo(au.get("content_type").asText());
      // WAV has no compression: the same samples give the same bytes.
      assertThat(audio.getEncodedAudioString().toByteArray()).as(where)
          .hasSize(au.get("encoded_audio_bytes").asInt())
          .isEqualTo(base64(au.get("encoded_audio_string_base64")));
    } else if (x.has("tensor")) {
      JsonNode t = x.get("tensor");
      TensorProto tensor = v.getTensor();
      assertThat(tensor.getDtype().name()).as(where).isEqualTo(t.get("dtype").asText());
      assertThat(tensor.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()))
          .as(where).containsExactly(list(t.get("shape")).stream().mapToLong(JsonNode::asLong)
              .boxed().toArray(Long[]::new));
      if (t.has("string_val")) {
        assertThat(tensor.getStringValList().stream()
            .map(b -> b.toString(StandardCharsets.UTF_8)).toList()).as(where)
            .containsExactlyElementsOf(list(t.get("string_val")).stream()
                .map(JsonNode::asText).toList());
      } else {
        assertThat(HexFormat.of().formatHex(tensor.getTensorContent().toByteArray())).as(where)
            .isEqualTo(t.get("tensor_content_hex").asText());
      }
    } else {
      throw new AssertionError(where + ": unexpected sidecar entry " + x);
    }
  }

  static void assertHisto(String where, HistogramProto h, JsonNode x) {
    assertThat(h.getMin()).as(where + " min").isEqualTo(x.get("min").asDouble());
    assertThat(h.getMax()).as(where + " max").isEqualTo(x.get("max").asDouble());
    assertThat(h.getNum()).as(where + " num").isEqualTo(x.get("num").asDouble());
    assertThat(h.getSum()).as(where + " sum").isEqualTo(x.get("sum").asDouble());
    assertThat(h.getSumSquares()).as(where + " sum_squares")
        .isEqualTo(x.get("sum_squares").asDouble());
    assertThat(h.getBucketLimitList()).as(where + " bucket_limit")
        .containsExactly(box(doubles(x.get("bucket_limit"))));
    assertThat(h.getBucketList()).as(where + " bucket")
        .containsExactly(box(doubles(x.get("bucket"))));
  }

  private static Double[] box(double[] d) {
    return java.util.Arrays.stream(d).boxed().toArray(Double[]::new);
  }
}
