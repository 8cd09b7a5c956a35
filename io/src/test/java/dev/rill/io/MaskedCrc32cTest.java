package dev.rill.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskedCrc32cTest {
  @Test
  void crc32cCheckValue() {
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(MaskedCrc32c.crc(b, 0, b.length)).isEqualTo(0xE3069283);
    assertThat(MaskedCrc32c.crc(ByteBuffer.wrap(b))).isEqualTo(0xE3069283);
  }

  @Test
  void maskMatchesTensorFlowsStoredValues() {
    // The golden checkpoint's metaindex block (8 bytes: restart 0, count 1) plus type byte 0 is
    // stored with masked crc 0xb0a1f2c0.
    byte[] meta = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    assertThat(MaskedCrc32c.maskedCrc(meta, 0, meta.length)).isEqualTo(0xb0a1f2c0);
    // An empty buffer's crc is 0; masking rotates and offsets it.
    assertThat(MaskedCrc32c.mask(0)).isEqualTo(0xa282ead8);
  }

  @Test
  void unmaskInvertsMask() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      int c = r.nextInt();
      assertThat(MaskedCrc32c.unmask(MaskedCrc32c.mask(c))).isEqualTo(c);
    }
  }
}
