/**
 * Images for input pipelines, with TensorFlow's numbers: PNG and JPEG decoding into uint8
 * {@code [height, width, channels]} tensors ({@link dev.rill.data.image.ImageCodecs},
 * {@link dev.rill.data.image.PngDecoder}, {@link dev.rill.data.image.JpegDecoder}), resizing
 * ({@link dev.rill.data.image.Resize}), crops, flips, colour adjustments, standardisation and
 * dtype conversion ({@link dev.rill.data.image.ImageOps}) and their seeded random variants
 * ({@link dev.rill.data.image.RandomImageOps}).
 *
 * <p>Ops take one image {@code [h, w, c]} or a batch {@code [n, h, w, c]}. Damaged image files end
 * in an {@link dev.rill.data.image.ImageDecodeException} that names the source.
 *
 * {@snippet :
 * // encoded: a Dataset<byte[]> of file contents (e.g. from TFRecord features)
 * Dataset<Tensor> images = encoded.map(bytes -> {
 *   Tensor rgb = ImageCodecs.decodeImage(bytes, 3, "train");
 *   Tensor x = ImageOps.convertImageDtype(rgb, DType.FLOAT32);   // [0, 1]
 *   return Resize.bilinear(x, 224, 224);
 * });
 * }
 */
package dev.rill.data.image;
