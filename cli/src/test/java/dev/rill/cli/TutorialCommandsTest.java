package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TutorialCommandsTest {
  @TempDir
  Path dir;

  @Test
  void helpListsTheTutorials() {
    String out = captureStdout(() -> assertThat(Main.run("--help")).isZero());
    assertThat(out).contains("mandelbrot").contains("pde").contains("test");
  }

  @Test
  void mandelbrotWritesTheTutorialImage() throws Exception {
    Path png = dir.resolve("m.png");
    String out = captureStdout(() ->
        assertThat(Main.run("mandelbrot", "--out", png.toString(), "--step", "0.02")).isZero());
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(150);
    assertThat(img.getHeight()).isEqualTo(130);
    // the origin (c = 0) is inside the set: black
    assertThat(img.getRGB(100, 65) & 0xffffff).isZero();
    // the far corner escapes at once: the colour map's blue-heavy start, never black
    int corner = img.getRGB(0, 0);
    assertThat((corner & 0xff)).isGreaterThan((corner >> 16) & 0xff);
    assertThat(out).contains("wrote").contains("150x130");
    assertThat(Files.list(dir)).containsExactly(png);   // no temporary file left behind
  }

  @Test
  void pdeWritesAGrayPond() throws Exception {
    Path png = dir.resolve("pond.png");
    captureStdout(() -> assertThat(Main.run("pde", "--out", png.toString(), "--size", "64",
        "--drops", "3", "--steps", "40")).isZero());
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(64);
    assertThat(img.getHeight()).isEqualTo(64);
    int gray = 0;
    int other = 0;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int v = img.getRaster().getSample(x, y, 0);
        if (v == 127) {
          gray++;
        } else {
          other++;
        }
      }
    }
    // calm water (height 0) is mid-gray; the three drops have sent out ripples
    assertThat(gray).isGreaterThan(other);
    assertThat(other).isGreaterThan(20);
  }

  @Test
  void badOptionsExitWithUsage() {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    try {
      assertThat(Main.run("pde", "--steps", "many")).isNotZero();
    } finally {
      System.setErr(err);
    }
    assertThat(buf.toString()).contains("--steps").contains("many");
  }

  private static String captureStdout(Runnable body) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      body.run();
    } finally {
      System.setOut(out);
    }
    return buf.toString();
  }
}
