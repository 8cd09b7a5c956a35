package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  // a length no other test's tensors have, so the pool's other contents never interfere
  private static final int N = BufferPool.MIN_LENGTH + 12_345;

  @BeforeEach
  void empty() {
    BufferPool.clear();
  }

  @Test
  void anArrayMadeInAnOwningSectionComesBackZeroed() {
    float[] a;
    try (BufferPool.Section s = BufferPool.owning()) {
      a = BufferPool.floats(N);
    }
    Arrays.fill(a, 7f);
    BufferPool.release(a);
    assertThat(BufferPool.freeBytes()).isEqualTo(4L * N);
    float[] b = BufferPool.floats(N);
    assertThat(b).isSameAs(a);
    assertThat(b).containsOnly(0f);
    assertThat(BufferPool.freeBytes()).isZero();
  }

  @Test
  void copyOfReusesAFreeArrayAndCopiesEveryElement() {
    float[] a;
    try (BufferPool.Section s = BufferPool.owning()) {
      a = BufferPool.floats(N);
    }
    BufferPool.release(a);
    float[] src = new float[N];
    for (int i = 0; i < N; i++) {
      src[i] = i;
    }
    float[] c = BufferPool.copyOf(src);
    assertThat(c).isSameAs(a).containsExactly(src);
  }

  @Test
  void anArrayToOverwriteIsReusedAsItWas() {
    float[] a;
    try (BufferPool.Section s = BufferPool.owning()) {
      a = BufferPool.floats(N);
    }
    Arrays.fill(a, 3f);
    BufferPool.release(a);
    float[] b = BufferPool.toOverwrite(N);
    assertThat(b).isSameAs(a);
    // the build runs tests with rill.bufferPool.poison, so an element a kernel leaves is NaN
    assertThat(b).containsOnly(Boolean.getBoolean("rill.bufferPool.poison") ? Float.NaN : 3f);
    assertThat(BufferPool.toOverwrite(N)).isNotSameAs(a).hasSize(N);
  }

  @Test
  void arraysMadeOutsideASectionOrByHandNeverComeBack() {
    float[] outside = BufferPool.floats(N);
    BufferPool.release(outside);
    BufferPool.release(new float[N]);
    assertThat(BufferPool.freeBytes()).isZero();
    assertThat(BufferPool.floats(N)).isNotSameAs(outside);
  }

  @Test
  void aSecondReleaseOfTheSameArrayIsIgnored() {
    float[] a;
    try (BufferPool.Section s = BufferPool.owning()) {
      a = BufferPool.floats(N);
    }
    BufferPool.release(a);
    BufferPool.release(a);
    assertThat(BufferPool.freeBytes()).isEqualTo(4L * N);
    float[] first = BufferPool.floats(N);
    float[] second = BufferPool.floats(N);
    assertThat(first).isSameAs(a);
    assertThat(second).isNotSameAs(a);
  }

  @Test
  void smallArraysAreNotPooled() {
    float[] small;
    try (BufferPool.Section s = BufferPool.owning()) {
      small = BufferPool.floats(BufferPool.MIN_LENGTH - 1);
    }
    BufferPool.release(small);
    assertThat(BufferPool.freeBytes()).isZero();
  }

  @Test
  void sectionsNestAndEndOnClose() {
    float[] inner;
    float[] after;
    try (BufferPool.Section outer = BufferPool.owning()) {
      try (BufferPool.Section s = BufferPool.owning()) {
        inner = BufferPool.floats(N);
      }
      after = BufferPool.floats(N); // the outer section is still open
    }
    float[] closed = BufferPool.floats(N);
    BufferPool.release(inner);
    BufferPool.release(after);
    BufferPool.release(closed);
    assertThat(BufferPool.freeBytes()).isEqualTo(2L * 4 * N);
  }

  @Test
  void arraysMadeInAStepComeBackWhenItCloses() {
    float[] a;
    float[] b;
    try (BufferPool.Step step = BufferPool.step()) {
      a = BufferPool.floats(N);
      b = BufferPool.toOverwrite(N);
      assertThat(BufferPool.freeBytes()).isZero();
    }
    assertThat(BufferPool.freeBytes()).isEqualTo(2L * 4 * N);
    assertTheSameTwo(BufferPool.floats(N), BufferPool.floats(N), a, b);
  }

  @Test
  void aKeptArrayNeverComesBack() {
    float[] kept;
    try (BufferPool.Step step = BufferPool.step()) {
      kept = BufferPool.floats(N);
      BufferPool.keep(kept);
      BufferPool.floats(N);
    }
    assertThat(BufferPool.freeBytes()).isEqualTo(4L * N);
    BufferPool.release(kept);
    assertThat(BufferPool.freeBytes()).isEqualTo(4L * N);
    assertThat(BufferPool.floats(N)).isNotSameAs(kept);
    assertThat(BufferPool.floats(N)).isNotSameAs(kept);
  }

  @Test
  void anArrayReleasedDuringTheStepAndMadeAgainComesBackOnce() {
    float[] a;
    try (BufferPool.Step step = BufferPool.step()) {
      a = BufferPool.floats(N);
      BufferPool.release(a); // as a gradient tape does with a spent gradient
      assertThat(BufferPool.toOverwrite(N)).isSameAs(a);
    }
    assertThat(BufferPool.freeBytes()).isEqualTo(4L * N);
    assertThat(BufferPool.floats(N)).isSameAs(a);
    assertThat(BufferPool.floats(N)).isNotSameAs(a);
  }

  @Test
  void arraysOtherThreadsMakeDuringAStepAreNotItsOwn() throws Exception {
    float[][] other = new float[1][];
    try (BufferPool.Step step = BufferPool.step()) {
      Thread t = new Thread(() -> other[0] = BufferPool.floats(N));
      t.start();
      t.join();
    }
    assertThat(other[0]).hasSize(N);
    assertThat(BufferPool.freeBytes()).isZero();
  }

  @Test
  void stepsNestAndEachReturnsItsOwnArrays() {
    float[] outer;
    float[] inner;
    try (BufferPool.Step o = BufferPool.step()) {
      outer = BufferPool.floats(N);
      try (BufferPool.Step i = BufferPool.step()) {
        inner = BufferPool.floats(N);
      }
      assertThat(BufferPool.freeBytes()).isEqualTo(4L * N);
      assertThat(BufferPool.floats(N)).isSameAs(inner); // now the outer step's
    }
    assertThat(BufferPool.freeBytes()).isEqualTo(2L * 4 * N);
    assertTheSameTwo(BufferPool.floats(N), BufferPool.floats(N), outer, inner);
    assertThat(BufferPool.freeBytes()).isZero();
  }

  @Test
  void anOuterStepClosedBeforeItsInnerOneIsAnError() {
    BufferPool.Step outer = BufferPool.step();
    BufferPool.Step inner = BufferPool.step();
    assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("innermost first");
    inner.close();
    outer.close();
    float[] after = BufferPool.floats(N); // no step is open any more
    BufferPool.release(after);
    assertThat(BufferPool.freeBytes()).isZero();
  }

  /** {@code x, y} are the arrays {@code a, b} themselves, in either order. */
  private static void assertTheSameTwo(float[] x, float[] y, float[] a, float[] b) {
    assertThat(x == a && y == b || x == b && y == a).as("the same two arrays").isTrue();
  }
}
