package dev.rill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {
  @Test
  void reshapeInfersOneDimension() {
    assertThat(Shape.of(2, 3, 4).reshape(-1, 4)).isEqualTo(Shape.of(6, 4));
    assertThat(Shape.of(0, 3).reshape(3, -1)).isEqualTo(Shape.of(3, 0));
    assertThat(Shape.of(1, 1).reshape()).isEqualTo(Shape.scalar());
  }

  @Test
  void reshapeRejectsWrongCountsAndTwoUnknowns() {
    assertThatThrownBy(() -> Shape.of(2, 3).reshape(4, -1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("[2, 3]").hasMessageContaining("[4, -1]");
    assertThatThrownBy(() -> Shape.of(2, 3).reshape(-1, -1))
        .hasMessageContaining("only one dimension can be -1");
    assertThatThrownBy(() -> Shape.of(2, 3).reshape(5))
        .hasMessageContaining("6 elements").hasMessageContaining("5 elements");
  }

  @Test
  void broadcastsAsNumpy() {
    assertThat(Shape.broadcast(Shape.of(2, 1, 4), Shape.of(3, 1))).isEqualTo(Shape.of(2, 3, 4));
    assertThat(Shape.broadcast(Shape.scalar(), Shape.of(5))).isEqualTo(Shape.of(5));
    assertThat(Shape.broadcast(Shape.of(0, 1), Shape.of(1, 3))).isEqualTo(Shape.of(0, 3));
    assertThatThrownBy(() -> Shape.broadcast(Shape.of(2, 3), Shape.of(4)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
  }

  @Test
  void negativeAxesCountFromTheEnd() {
    Shape s = Shape.of(2, 3, 4);
    assertThat(s.dim(-1)).isEqualTo(4);
    assertThat(s.normalizeAxis(-3)).isZero();
    assertThatThrownBy(() -> s.dim(3)).hasMessageContaining("axis 3 is out of range for rank 3");
    assertThat(s.strides()).containsExactly(12, 4, 1);
    assertThat(s.size()).isEqualTo(24);
    assertThat(Shape.scalar().size()).isEqualTo(1);
  }

  @Test
  void negativeDimensionsOtherThanUnknownAreRejected() {
    assertThatThrownBy(() -> Shape.of(2, -2)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("-2");
  }
}
