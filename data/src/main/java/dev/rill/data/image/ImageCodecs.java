package dev.rill.data.image;

import dev.rill.core.Tensor;

/**
 * Format-sniffing decode, as TensorFlow's {@code decode_image}: PNG and JPEG bytes become uint8
 * {@code [height, width, channels]} tensors. {@code channels} is 0 (as stored), 1, 3 or 4; JPEG
 * rejects 4, as in TF.
 *
 * {@snippet :
 * Tensor rgb = ImageCodecs.decodeImage(Files.readAllBytes(path), 3, path.toString());
 * }
 *
 * @see PngDecoder
 * @see JpegDecoder
 */
public final class ImageCodecs {
  private ImageCodecs() {}

  /** Decodes PNG or JPEG bytes, chosen by their signature. */
  public static Tensor decodeImage(byte[] bytes, int channels, String source) {
    if (channels != 0 && channels != 1 && channels != 3 && channels != 4) {
      throw dev.rill.core.InvalidArgumentException.of("DecodeImage",
          "channels must be 0, 1, 3 or 4, got " + channels);
    }
    if (PngDecoder.isPng(bytes)) {
      return PngDecoder.decode(bytes, channels, source);
    }
    if (JpegDecoder.isJpeg(bytes)) {
      return JpegDecoder.decode(bytes, channels, source);
    }
    throw new ImageDecodeException(source, "unknown image format (neither PNG nor JPEG)");
  }

  /** PNG only; see {@link PngDecoder#decode}. */
  public static Tensor decodePng(byte[] bytes, int channels, String source) {
    return PngDecoder.decode(bytes, channels, source);
  }

  /** JPEG only; see {@link JpegDecoder#decode}. */
  public static Tensor decodeJpeg(byte[] bytes, int channels, String source) {
    return JpegDecoder.decode(bytes, channels, source);
  }
}
