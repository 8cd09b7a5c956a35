package dev.rill.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.idx.IdxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on 127.0.0.1 only: /good/ serves the files, /bad/ damaged copies, /gone/ 404. */
class MnistFetcherTest {
  @TempDir
  Path tmp;

  private HttpServer server;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> log = new ArrayList<>();
  private MnistSource source;

  @BeforeEach
  void serve() throws IOException {
    Path src = tmp.resolve("src");
    MnistDataTest.writeSplit(src, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, 6, ".gz");
    MnistDataTest.writeSplit(src, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS, 4, ".gz");
    Map<String, String> sums = new LinkedHashMap<>();
    for (String name : MnistFiles.ALL) {
      byte[] b = Files.readAllBytes(src.resolve(name + ".gz"));
      files.put(name + ".gz", b);
      sums.put(name + ".gz", MnistFetcher.sha256(src.resolve(name + ".gz")));
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String[] parts = path.split("/");
      byte[] body = parts.length == 3 ? files.get(parts[2]) : null;
      if (body == null || parts[1].equals("gone")) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      if (parts[1].equals("bad")) {
        body = body.clone();
        body[body.length / 2] ^= 1;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    source = new MnistSource("test-digits", List.of(), sums, Map.of());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI mirror(String name) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
  }

  private MnistFetcher fetcher() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new MnistFetcher(client, log::add);
  }

  private int hits(String mirror, String file) {
    AtomicInteger n = hits.get("/" + mirror + "/" + file);
    return n == null ? 0 : n.get();
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
    }
  }

  @Test
  void downloadsAndVerifiesTheFourFiles() throws IOException {
    Path dir = tmp.resolve("data");
    MnistFetcher.Report r = fetcher().fetch(source.withMirrors(List.of(mirror("good"))), dir);
    assertThat(r.downloaded()).hasSize(4);
    assertThat(r.present()).isEmpty();
    for (String f : files.keySet()) {
      assertThat(Files.readAllBytes(dir.resolve(f))).isEqualTo(files.get(f));
    }
    assertThat(leftovers(dir)).isEmpty();
    // the usual permissions for a new file, not the owner-only ones of a temporary file
    Path ordinary = Files.createFile(dir.resolve("ordinary"));
    assertThat(Files.getPosixFilePermissions(dir.resolve(MnistFiles.TRAIN_IMAGES + ".gz")))
        .isEqualTo(Files.getPosixFilePermissions(ordinary));
    MnistData d = MnistData.load(dir, 2);
    assertThat(d.train().size()).isEqualTo(4);
    assertThat(d.test().size()).isEqualTo(4);
  }

  @Test
  void keepsValidFilesAndReplacesDamagedOnes() throws IOException {
    Path dir = tmp.resolve("data");
    MnistSource src = source.withMirrors(List.of(mirror("good")));
    fetcher().fetch(src, dir);
    String labels = MnistFiles.TRAIN_LABELS + ".gz";
    Files.write(dir.resolve(labels), new byte[] {1, 2, 3});
    MnistFetcher.Report r = fetcher().fetch(src, dir);
    assertThat(r.present()).hasSize(3);
    assertThat(r.downloaded()).singleElement().asString().startsWith(labels + " from ");
    assertThat(hits("good", labels)).isEqualTo(2);
    assertThat(hits("good", MnistFiles.TEST_IMAGES + ".gz")).isEqualTo(1);
    assertThat(Files.readAllBytes(dir.resolve(labels))).isEqualTo(files.get(labels));
  }

  @Test
  void recognisesRecompressedOrPlainCopiesByTheirContent() throws IOException {
    Path dir = tmp.resolve("data");
    Map<String, String> sums = new LinkedHashMap<>(source.sha256());
    for (String name : MnistFiles.ALL) {
      Tensor t = dev.rill.data.idx.IdxReader.read(
          new java.io.ByteArrayInputStream(files.get(name + ".gz")), name);
      Path plain = dir.resolve(name);
      IdxWriter.write(t, plain);
      sums.put(name, MnistFetcher.sha256(plain));
    }
    // one as a differently compressed .gz: its bytes differ, its content does not
    Path plainLabels = dir.resolve(MnistFiles.TEST_LABELS);
    IdxWriter.write(dev.rill.data.idx.IdxReader.read(plainLabels), dir.resolve(MnistFiles.TEST_LABELS + ".gz"));
    Files.delete(plainLabels);
    MnistFetcher.Report r = fetcher().fetch(source.withChecksums(sums).withMirrors(List.of(mirror("gone"))), dir);
    assertThat(r.downloaded()).isEmpty();
    assertThat(r.present()).containsExactly(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS,
        MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS + ".gz");
    assertThat(hits).isEmpty();
  }

  @Test
  void aCorruptedFileIsNamedAndTheNextMirrorTried() throws IOException {
    Path dir = tmp.resolve("data");
    fetcher().fetch(source.withMirrors(List.of(mirror("bad"), mirror("good"))), dir);
    assertThat(log).anySatisfy(line -> assertThat(line)
        .contains(mirror("bad") + MnistFiles.TRAIN_IMAGES + ".gz failed")
        .contains("checksum mismatch for train-images-idx3-ubyte.gz"));
    for (String f : files.keySet()) {
      assertThat(hits("bad", f)).isEqualTo(1);
      assertThat(Files.readAllBytes(dir.resolve(f))).isEqualTo(files.get(f));
    }
    assertThat(leftovers(dir)).isEmpty();
  }

  @Test
  void notFoundMovesOnToTheNextMirror() throws IOException {
    Path dir = tmp.resolve("data");
    MnistFetcher.Report r = fetcher().fetch(source.withMirrors(List.of(mirror("gone"), mirror("good"))), dir);
    assertThat(r.downloaded()).hasSize(4).allSatisfy(s -> assertThat(s).contains("/good/"));
    assertThat(log).anySatisfy(line -> assertThat(line).contains("HTTP 404"));
  }

  @Test
  void whenEveryMirrorFailsTheErrorListsEachUrlAndTheManualWay() throws IOException {
    Path dir = tmp.resolve("data");
    MnistSource src = source.withMirrors(List.of(mirror("gone"), mirror("bad")));
    assertThatThrownBy(() -> fetcher().fetch(src, dir))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.attempts()).hasSize(8);
          for (String f : files.keySet()) {
            assertThat(e.getMessage()).contains(mirror("gone") + f + ": HTTP 404")
                .contains(mirror("bad") + f + ": checksum mismatch for " + f)
                .contains(source.sha256().get(f) + "  " + f);
          }
          assertThat(e.getMessage()).contains("by hand").contains(dir.toAbsolutePath().toString());
        });
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).isEmpty();   // nothing half-written or unverified under any name
    }
  }

  @Test
  void noServerIsReportedPerUrl() throws IOException {
    int port = server.getAddress().getPort();
    server.stop(0);
    URI dead = URI.create("http://127.0.0.1:" + port + "/mnist/");
    assertThatThrownBy(() -> fetcher().fetch(source.withMirrors(List.of(dead)), tmp.resolve("d")))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.attempts())
            .hasSize(4)
            .allSatisfy(a -> assertThat(a.error()).contains("ConnectException")))
        .hasMessageContaining(dead + "train-images-idx3-ubyte.gz: ");
  }

  @Test
  void everyFileNeedsAChecksum() {
    MnistSource noSums = new MnistSource("x", List.of(mirror("good")), Map.of(), Map.of());
    assertThatThrownBy(() -> fetcher().fetch(noSums, tmp.resolve("d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no SHA-256 known for train-images-idx3-ubyte.gz");
  }
}
