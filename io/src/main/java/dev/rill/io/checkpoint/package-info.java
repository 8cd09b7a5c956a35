/**
 * TensorFlow's V2 checkpoint format (tensor bundles): {@link dev.rill.io.checkpoint.CheckpointReader}
 * and {@link dev.rill.io.checkpoint.CheckpointWriter} for one checkpoint,
 * {@link dev.rill.io.checkpoint.CheckpointManager} and
 * {@link dev.rill.io.checkpoint.CheckpointState} for a directory of numbered ones. Files written
 * here are byte-identical to TensorFlow's for the same tensors; damaged files raise
 * {@link dev.rill.io.checkpoint.CorruptCheckpointException}. Depends on core and the generated
 * protos only, never on nn or train (which map variables to names on top of this).
 */
package dev.rill.io.checkpoint;
