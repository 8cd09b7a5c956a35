/**
 * The CIFAR-10 and CIFAR-100 binary formats: records of label byte(s) and a 32x32 colour image
 * stored as three planes, read into HWC uint8 images and int32 labels, whole
 * ({@link dev.rill.data.cifar.CifarReader}) or as a {@link dev.rill.data.dataset.Dataset}
 * ({@link dev.rill.data.cifar.CifarDataset}). Damaged files end in a
 * {@link dev.rill.data.idx.DataFormatException} naming the file and the offset.
 */
package dev.rill.data.cifar;
