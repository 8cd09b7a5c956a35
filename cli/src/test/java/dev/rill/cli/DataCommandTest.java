package dev.rill.cli;

import static dev.rill.cli.CliOutput.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rill.data.mnist.MnistData;
import dev.rill.data.mnist.MnistFetcher;
import dev.rill.data.mnist.MnistFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rill data}: fetching from a server on 127.0.0.1 only, and writing synthetic digits. */
class DataCommandTest {
  @TempDir
  Path tmp;

  private HttpServer server;
  private Path served;
  private Path sums;
  private final AtomicInteger requests = new AtomicInteger();

  /** The synthetic digits as the files to serve, with a sha256sum list of them. */
  @BeforeEach
  void serve() throws IOException {
    served = tmp.resolve("served");
    assertThat(Main.run("data", "digits", "--to", served.toString(), "--train", "30", "--test", "10"))
        .isZero();
    StringBuilder sb = new StringBuilder();
    for (String name : MnistFiles.ALL) {
      sb.append(MnistFetcher.sha256(served.resolve(name + ".gz"))).append("  ").append(name).append(".gz\n");
    }
    sums = tmp.resolve("SHA256SUMS");
    Files.writeString(sums, sb);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getPath();
      Path file = served.resolve(path.substring(path.lastIndexOf('/') + 1));
      if (!path.startsWith("/ok/") || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String dir) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + dir + "/";
  }

  @Test
  void fetchDownloadsVerifiesAndThenKeeps() throws IOException {
    Path to = tmp.resolve("mnist");
    String[] args = {"data", "fetch", "mnist", "--to", to.toString(), "--mirror", url("missing"),
        "--mirror", url("ok"), "--checksums", sums.toString()};
    CliOutput first = run(args);
    assertThat(first.code()).isZero();
    assertThat(first.out()).contains("HTTP 404").contains("4 downloaded, 0 already present");
    assertThat(MnistData.load(to, 5).train().size()).isEqualTo(25);
    int before = requests.get();
    CliOutput again = run(args);
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("0 downloaded, 4 already present");
    assertThat(requests.get()).isEqualTo(before);
  }

  @Test
  void fetchFailureListsEveryUrlAndHowToGetTheFiles() {
    Path to = tmp.resolve("fashion");
    CliOutput o = run("data", "fetch", "fashion-mnist", "--to", to.toString(), "--mirror", url("gone"));
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err()).contains("rill data fetch: could not download")
        .contains(url("gone") + "train-images-idx3-ubyte.gz: HTTP 404")
        .contains(url("gone") + "t10k-labels-idx1-ubyte.gz: HTTP 404")
        .contains("by hand")
        // the built-in Fashion-MNIST checksum of the file, to check a manual download against
        .contains("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84  train-images-idx3-ubyte.gz");
  }

  @Test
  void unknownDataSetIsAUsageError() {
    CliOutput o = run("data", "fetch", "cifar10", "--to", tmp.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("unknown data set 'cifar10'");
    assertThat(requests.get()).isZero();
  }

  @Test
  void digitsWritesMnistFilesAndAMontage() throws IOException {
    Path png = tmp.resolve("digits.png");
    CliOutput o = run("data", "digits", "--to", tmp.resolve("d").toString(), "--train", "200",
        "--test", "20", "--png", png.toString());
    assertThat(o.code()).isZero();
    assertThat(MnistData.load(tmp.resolve("d"), 0).train().size()).isEqualTo(200);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(16 * 28);
    assertThat(img.getHeight()).isEqualTo(10 * 28);
  }

  @Test
  void digitsNeedsSomewhereToWriteAndSensibleCounts() {
    assertThat(run("data", "digits", "--train", "10").code()).isEqualTo(2);
    CliOutput o = run("data", "digits", "--to", tmp.resolve("x").toString(), "--train", "-5");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--train and --test must be >= 0, got -5 and 10000");
  }

  @Test
  void helpListsTheDataCommands() {
    assertThat(run("--help").out()).contains("data");
    assertThat(run("data").out()).contains("fetch").contains("digits");
  }


}
