package dev.rill.io.checkpoint;

import dev.rill.io.MaskedCrc32c;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a LevelDB-format table (TensorFlow's {@code .index} file): sorted key/value entries in
 * prefix-compressed blocks, an empty metaindex block, an index block and a 48-byte footer. The
 * block size, restart intervals and separator keys follow TensorFlow's table builder, so the same
 * entries give the same bytes.
 */
final class TableWriter {
  /** Bytes after which a data block is closed (TensorFlow's table::Options default). */
  static final int BLOCK_SIZE = 256 * 1024;
  /** Entries between full (unshared) keys in data blocks. */
  static final int RESTART_INTERVAL = 16;
  static final int FOOTER_SIZE = 48;
  static final int TRAILER_SIZE = 5;
  static final long MAGIC = 0xdb4775248b80fb57L;

  private final OutputStream out;
  private long offset;
  private final BlockBuilder dataBlock = new BlockBuilder(RESTART_INTERVAL);
  // Index keys are looked up by binary search, so every entry is a restart point.
  private final BlockBuilder indexBlock = new BlockBuilder(1);
  private byte[] lastKey;
  private boolean pendingIndexEntry;
  private long pendingOffset;
  private long pendingSize;

  TableWriter(OutputStream out) {
    this.out = out;
  }

  /** Adds an entry; keys must come in strictly increasing unsigned-byte order. */
  void add(byte[] key, byte[] value) throws IOException {
    if (lastKey != null && Arrays.compareUnsigned(key, lastKey) <= 0) {
      throw new IllegalStateException("table keys out of order: '" + TableReader.str(key)
          + "' after '" + TableReader.str(lastKey) + "'");
    }
    if (pendingIndexEntry) {
      indexBlock.add(shortestSeparator(lastKey, key), handle(pendingOffset, pendingSize));
      pendingIndexEntry = false;
    }
    lastKey = key;
    dataBlock.add(key, value);
    if (dataBlock.estimatedSize() >= BLOCK_SIZE) {
      flushDataBlock();
    }
  }

  /** Writes the remaining blocks and the footer; returns the table's length in bytes. */
  long finish() throws IOException {
    flushDataBlock();
    long metaOffset = offset;
    byte[] meta = new BlockBuilder(RESTART_INTERVAL).finish();
    writeBlock(meta);
    if (pendingIndexEntry) {
      indexBlock.add(shortSuccessor(lastKey), handle(pendingOffset, pendingSize));
      pendingIndexEntry = false;
    }
    long indexOffset = offset;
    byte[] index = indexBlock.finish();
    writeBlock(index);
    byte[] footer = new byte[FOOTER_SIZE];
    int p = Varint.put(footer, 0, metaOffset);
    p = Varint.put(footer, p, meta.length);
    p = Varint.put(footer, p, indexOffset);
    Varint.put(footer, p, index.length);
    for (int i = 0; i < 8; i++) {
      footer[40 + i] = (byte) (MAGIC >>> (8 * i));
    }
    out.write(footer);
    offset += FOOTER_SIZE;
    return offset;
  }

  private void flushDataBlock() throws IOException {
    if (dataBlock.isEmpty()) {
      return;
    }
    pendingOffset = offset;
    byte[] block = dataBlock.finish();
    pendingSize = block.length;
    writeBlock(block);
    dataBlock.reset();
    pendingIndexEntry = true;
  }

  /** The block, then its trailer: compression type 0 and the masked crc of block + type. */
  private void writeBlock(byte[] block) throws IOException {
    byte[] withType = Arrays.copyOf(block, block.length + 1);
    int crc = MaskedCrc32c.maskedCrc(withType, 0, withType.length);
    out.write(withType);
    out.write(new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)});
    offset += block.length + TRAILER_SIZE;
  }

  private static byte[] handle(long blockOffset, long blockSize) {
    byte[] b = new byte[20];
    int p = Varint.put(b, 0, blockOffset);
    p = Varint.put(b, p, blockSize);
    return Arrays.copyOf(b, p);
  }

  /** A short key k with start <= k < limit, as LevelDB's bytewise comparator picks it. */
  static byte[] shortestSeparator(byte[] start, byte[] limit) {
    int n = Math.min(start.length, limit.length);
    int i = 0;
    while (i < n && start[i] == limit[i]) {
      i++;
    }
    if (i < n) {
      int b = start[i] & 0xff;
      if (b < 0xff && b + 1 < (limit[i] & 0xff)) {
        byte[] sep = Arrays.copyOf(start, i + 1);
        sep[i]++;
        return sep;
      }
    }
    return start;
  }

  /** A short key >= key: the first byte that is not 0xff incremented, the rest dropped. */
  static byte[] shortSuccessor(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if ((key[i] & 0xff) != 0xff) {
        byte[] s = Arrays.copyOf(key, i + 1);
        s[i]++;
        return s;
      }
    }
    return key;
  }

  /** Prefix-compressed entries with a restart array, as in LevelDB. */
  static final class BlockBuilder {
    private final int restartInterval;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private int[] restarts = new int[16];
    private int numRestarts;
    private int counter;
    private byte[] lastKey = new byte[0];
    private boolean empty = true;

    BlockBuilder(int restartInterval) {
      this.restartInterval = restartInterval;
      reset();
    }

    void reset() {
      buf.reset();
      restarts[0] = 0;
      numRestarts = 1;
      counter = 0;
      lastKey = new byte[0];
      empty = true;
    }

    boolean isEmpty() {
      return empty;
    }

    int estimatedSize() {
      return buf.size() + 4 * numRestarts + 4;
    }

    void add(byte[] key, byte[] value) {
      int shared = 0;
      if (counter < restartInterval) {
        int n = Math.min(key.length, lastKey.length);
        while (shared < n && key[shared] == lastKey[shared]) {
          shared++;
        }
      } else {
        if (numRestarts == restarts.length) {
          restarts = Arrays.copyOf(restarts, 2 * numRestarts);
        }
        restarts[numRestarts++] = buf.size();
        counter = 0;
      }
      byte[] head = new byte[15];
      int p = Varint.put(head, 0, shared);
      p = Varint.put(head, p, key.length - shared);
      p = Varint.put(head, p, value.length);
      buf.write(head, 0, p);
      buf.write(key, shared, key.length - shared);
      buf.writeBytes(value);
      lastKey = key;
      counter++;
      empty = false;
    }

    /** The block bytes: entries, restart offsets, restart count (all fixed32 little-endian). */
    byte[] finish() {
      for (int i = 0; i < numRestarts; i++) {
        putFixed32(restarts[i]);
      }
      putFixed32(numRestarts);
      return buf.toByteArray();
    }

    private void putFixed32(int v) {
      buf.write(v);
      buf.write(v >>> 8);
      buf.write(v >>> 16);
      buf.write(v >>> 24);
    }
  }
}
