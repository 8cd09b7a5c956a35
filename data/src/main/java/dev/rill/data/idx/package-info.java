/**
 * The IDX file format of MNIST and its relatives (Fashion-MNIST, EMNIST, KMNIST): a magic number
 * that gives the element type and rank, big-endian dimensions, then the data. Reads plain or
 * gzip-compressed files into core tensors and writes them back. Depends only on {@code core}.
 */
package dev.rill.data.idx;
