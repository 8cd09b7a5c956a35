/**
 * TensorBoard event files: {@link dev.rill.io.events.SummaryWriter} logs scalars, histograms,
 * images, audio and text to {@code events.out.tfevents.*} files that TensorBoard reads, and
 * {@link dev.rill.io.events.EventFileReader} reads such files back, whether Rill, TF1 or TF2 wrote
 * them. An event file is a TFRecord stream of serialized {@link dev.rill.io.proto.Event} protos;
 * images are PNG and audio WAV, from {@link dev.rill.io.media}.
 */
package dev.rill.io.events;
