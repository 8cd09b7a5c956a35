/**
 * Rill against its peers: the MNIST CNN workloads of {@code dev.rill.bench.step} on TensorFlow
 * and PyTorch, SGEMM against OpenBLAS, and the start-up and memory probe. {@link
 * dev.rill.bench.peers.PeerMain} runs them; {@code bench/run-peers.sh} builds and runs it all.
 */
package dev.rill.bench.peers;
