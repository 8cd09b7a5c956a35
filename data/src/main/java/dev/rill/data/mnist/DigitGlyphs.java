package dev.rill.data.mnist;

import java.util.ArrayList;
import java.util.List;

/**
 * Pen-stroke templates of the ten digits, a few handwriting styles each, in a unit box (x to the
 * right, y down, the digit about 0.6 wide and 1 tall). A stroke is a list of control points: a
 * spline passes smoothly through the ordinary ones and turns sharply at corners.
 */
final class DigitGlyphs {
  /** A control point; {@code corner} breaks the spline there. */
  record Point(double x, double y, boolean corner) {}

  /** One pen-down movement. */
  record Stroke(List<Point> points) {}

  /** One way of writing a digit; {@code weight} is how often it is picked relative to the others. */
  record Glyph(List<Stroke> strokes, double weight) {}

  private static final List<List<Glyph>> GLYPHS = List.of(
      // 0: an oval, clockwise or anticlockwise, the pen overshooting where it started
      List.of(
          glyph(3, s().arc(0.5, 0.5, 0.3, 0.47, -95, 275, 12)),
          glyph(2, s().arc(0.5, 0.5, 0.27, 0.47, -80, -445, 12)),
          glyph(1, s().arc(0.52, 0.52, 0.3, 0.44, -60, 290, 12).p(0.6, 0.04).c(0.7, 0.0))),
      // 1: a bar, with a flag, with flag and base
      List.of(
          glyph(4, s().c(0.5, 0.03).c(0.5, 0.97)),
          glyph(2, s().c(0.3, 0.22).c(0.55, 0.02).c(0.5, 0.97)),
          glyph(1, s().c(0.3, 0.22).c(0.55, 0.02).c(0.52, 0.96), s().c(0.3, 0.97).c(0.74, 0.96))),
      // 2: round top, curved or straight descent, flat or looped base
      List.of(
          glyph(3, s().p(0.22, 0.24).p(0.36, 0.06).p(0.58, 0.03).p(0.75, 0.18).p(0.7, 0.42)
              .c(0.2, 0.95).c(0.82, 0.94)),
          glyph(2, s().p(0.22, 0.24).p(0.38, 0.05).p(0.62, 0.05).p(0.76, 0.22).p(0.64, 0.5)
              .p(0.4, 0.76).p(0.25, 0.92).p(0.33, 0.99).p(0.46, 0.9).p(0.62, 0.92).c(0.86, 0.96)),
          glyph(1, s().p(0.2, 0.18).p(0.45, 0.03).p(0.72, 0.1).p(0.72, 0.3).c(0.22, 0.94)
              .c(0.85, 0.93))),
      // 3: two bowls with a cusp, with a round middle, or with a flat top
      List.of(
          glyph(3, s().p(0.22, 0.16).p(0.45, 0.03).p(0.7, 0.1).p(0.71, 0.3).c(0.42, 0.48)
              .p(0.74, 0.6).p(0.73, 0.86).p(0.46, 0.98).c(0.2, 0.87)),
          glyph(2, s().p(0.24, 0.14).p(0.48, 0.03).p(0.7, 0.16).p(0.62, 0.4).p(0.46, 0.48)
              .p(0.7, 0.58).p(0.75, 0.8).p(0.5, 0.97).c(0.2, 0.86)),
          glyph(1, s().c(0.22, 0.04).c(0.76, 0.04).c(0.42, 0.42).p(0.7, 0.55).p(0.76, 0.78)
              .p(0.5, 0.97).c(0.2, 0.87))),
      // 4: closed top, open top, slanted open top
      List.of(
          glyph(2, s().c(0.6, 0.02).c(0.15, 0.66).c(0.86, 0.66), s().c(0.63, 0.03).c(0.63, 0.98)),
          glyph(2, s().c(0.24, 0.03).c(0.2, 0.6).c(0.82, 0.6), s().c(0.66, 0.1).c(0.66, 0.98)),
          glyph(1, s().c(0.36, 0.03).c(0.17, 0.58).c(0.86, 0.56), s().c(0.7, 0.22).c(0.63, 0.98))),
      // 5: one stroke with the bar first, or the bar added last
      List.of(
          glyph(2, s().c(0.74, 0.04).c(0.3, 0.05).c(0.26, 0.45).p(0.5, 0.38).p(0.72, 0.5)
              .p(0.75, 0.75).p(0.52, 0.96).c(0.2, 0.88)),
          glyph(2, s().c(0.3, 0.05).c(0.26, 0.46).p(0.52, 0.38).p(0.74, 0.55).p(0.7, 0.82)
              .p(0.45, 0.97).c(0.2, 0.85), s().c(0.3, 0.05).c(0.78, 0.03))),
      // 6: a curved or straighter stem into a bottom loop
      List.of(
          glyph(2, s().c(0.7, 0.03).p(0.45, 0.2).p(0.28, 0.5).p(0.3, 0.82).p(0.5, 0.97)
              .p(0.72, 0.83).p(0.7, 0.6).p(0.48, 0.52).c(0.28, 0.68)),
          glyph(2, s().c(0.62, 0.02).p(0.36, 0.4).p(0.26, 0.72).p(0.45, 0.96).p(0.7, 0.86)
              .p(0.7, 0.62).p(0.48, 0.55).c(0.27, 0.7))),
      // 7: plain, curved stem, crossbar, hooked top
      List.of(
          glyph(3, s().c(0.18, 0.06).c(0.82, 0.06).c(0.42, 0.97)),
          glyph(2, s().c(0.2, 0.08).c(0.8, 0.04).p(0.62, 0.4).c(0.46, 0.97)),
          glyph(1, s().c(0.18, 0.06).c(0.82, 0.06).c(0.42, 0.97), s().c(0.34, 0.52).c(0.74, 0.5)),
          glyph(1, s().c(0.2, 0.2).c(0.22, 0.06).c(0.82, 0.06).c(0.4, 0.97))),
      // 8: one crossing stroke, or two stacked loops
      List.of(
          glyph(3, s().p(0.7, 0.14).p(0.5, 0.03).p(0.29, 0.16).p(0.33, 0.36).p(0.5, 0.48)
              .p(0.7, 0.62).p(0.72, 0.84).p(0.5, 0.97).p(0.28, 0.84).p(0.3, 0.62).p(0.5, 0.48)
              .p(0.67, 0.36).c(0.72, 0.2)),
          glyph(1, s().arc(0.5, 0.26, 0.2, 0.22, -90, 275, 10),
              s().arc(0.5, 0.72, 0.26, 0.26, -90, 275, 10))),
      // 9: a head loop with a straight or curved stem
      List.of(
          glyph(3, s().p(0.72, 0.2).p(0.5, 0.04).p(0.28, 0.2).p(0.36, 0.42).p(0.6, 0.42)
              .c(0.72, 0.22).c(0.66, 0.97)),
          glyph(2, s().p(0.72, 0.2).p(0.5, 0.04).p(0.28, 0.2).p(0.36, 0.42).p(0.6, 0.42)
              .c(0.72, 0.22).p(0.7, 0.62).c(0.45, 0.97))));

  private DigitGlyphs() {}

  /** The styles of {@code digit}. */
  static List<Glyph> of(int digit) {
    return GLYPHS.get(digit);
  }

  private static Glyph glyph(double weight, Builder... strokes) {
    List<Stroke> list = new ArrayList<>();
    for (Builder b : strokes) {
      list.add(new Stroke(List.copyOf(b.points)));
    }
    return new Glyph(List.copyOf(list), weight);
  }

  private static Builder s() {
    return new Builder();
  }

  private static final class Builder {
    private final List<Point> points = new ArrayList<>();

    /** A smooth point. */
    Builder p(double x, double y) {
      points.add(new Point(x, y, false));
      return this;
    }

    /** A corner. */
    Builder c(double x, double y) {
      points.add(new Point(x, y, true));
      return this;
    }

    /**
     * Smooth points on an ellipse from angle {@code a0} to {@code a1} in degrees (0 is to the right,
     * 90 is down, so increasing angles turn clockwise on the page).
     */
    Builder arc(double cx, double cy, double rx, double ry, double a0, double a1, int segments) {
      for (int i = 0; i <= segments; i++) {
        double a = Math.toRadians(a0 + (a1 - a0) * i / segments);
        p(cx + rx * Math.cos(a), cy + ry * Math.sin(a));
      }
      return this;
    }
  }
}
