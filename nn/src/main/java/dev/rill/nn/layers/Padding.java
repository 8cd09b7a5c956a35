package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The padding names layers accept, {@code "valid"} (the tf.layers default) or {@code "same"}, in
 * any case; the ops take them upper-case.
 *
 * {@snippet :
 * String op = Padding.normalize("same");   // "SAME"
 * }
 */
final class Padding {
  static final String VALID = "valid";

  private Padding() {}

  static String normalize(String padding) {
    String p = padding == null ? "" : padding.toUpperCase(Locale.ROOT);
    if (!p.equals("SAME") && !p.equals("VALID")) {
      throw new InvalidArgumentException("The `padding` argument must be one of \"valid\", "
          + "\"same\". Received: padding=" + padding);
    }
    return p;
  }

  /** Checks that every value is positive. */
  static int[] positive(String what, int... values) {
    for (int v : values) {
      if (v <= 0) {
        throw new InvalidArgumentException("The `" + what + "` argument must be positive "
            + "integers. Received: " + what + "=" + Arrays.toString(values));
      }
    }
    return values.clone();
  }
}
