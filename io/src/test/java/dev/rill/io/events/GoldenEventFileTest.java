package dev.rill.io.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rill.io.proto.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reads the event files TensorFlow 2.18 wrote and matches every value of the sidecar. */
class GoldenEventFileTest {
  @ParameterizedTest
  @ValueSource(strings = {GoldenEvents.V2, GoldenEvents.TF1})
  void everyEventMatchesTheSidecar(String name) throws IOException {
    Path file = GoldenEvents.path(name);
    assertThat(Files.size(file)).isEqualTo(GoldenEvents.file(name).get("size").asLong());
    List<Event> events = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    try (EventFileReader r = EventFileReader.open(file)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        events.add(e);
        offsets.add(r.offset());
      }
      assertThat(r.next()).isNull();
    }
    GoldenEvents.assertMatches(events, offsets, GoldenEvents.file(name).get("decoded_events"),
        true);
    // The first record: the version, at the integer second of the file name.
    Event first = events.get(0);
    assertThat(first.getFileVersion()).isEqualTo(SummaryWriter.FILE_VERSION);
    assertThat(first.getStep()).isZero();
    assertThat(first.getWallTime()).isEqualTo(1795873647.0);
  }

  @Test
  void eventFilesOfADirectoryComeInNameOrder() throws IOException {
    assertThat(EventFileReader.eventFiles(GoldenEvents.path(GoldenEvents.V2).getParent()))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(GoldenEvents.V2, GoldenEvents.TF1);
  }

  @Test
  void graphEventHoldsTensorFlowsGraphDef() throws Exception {
    Event graph = EventFileReader.readAll(GoldenEvents.path(GoldenEvents.V2)).get(1);
    org.tensorflow.proto.GraphDef def = org.tensorflow.proto.GraphDef.parseFrom(graph.getGraphDef());
    assertThat(def.getNodeList()).extracting(n -> n.getName() + ":" + n.getOp())
        .containsExactly("x:Placeholder", "Const:Const", "y:Mul");
  }

  @Test
  void scalarsOfTheTf2FileIncludeTheScalarTensor() throws IOException {
    assertThat(EventFileReader.scalars(GoldenEvents.path(GoldenEvents.V2)))
        .extracting(ScalarEvent::tag, ScalarEvent::step, ScalarEvent::value)
        .containsExactly(
            tuple("loss", 0L, 2.5),
            tuple("loss", 1L, 1.75),
            tuple("loss", 2L, 0.5),
            tuple("accuracy", 2L, 7.0),
            tuple("loss_v2", 3L, 0.25));
  }

  @Test
  void scalarsOfTheTf1File() throws IOException {
    List<ScalarEvent> scalars = EventFileReader.scalars(GoldenEvents.path(GoldenEvents.TF1));
    assertThat(scalars).extracting(ScalarEvent::tag, ScalarEvent::step, ScalarEvent::value)
        .containsExactly(tuple("accuracy", 10L, 0.5), tuple("accuracy", 20L, 0.75));
    assertThat(scalars.get(0).wallTime()).isGreaterThan(1795873647.0);
  }
}
