package dev.rill.io.checkpoint;

import static dev.rill.io.checkpoint.TableWriter.FOOTER_SIZE;
import static dev.rill.io.checkpoint.TableWriter.MAGIC;
import static dev.rill.io.checkpoint.TableWriter.TRAILER_SIZE;

import dev.rill.io.MaskedCrc32c;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a whole LevelDB-format table held in memory, checking everything the format lets it
 * check: the footer magic and zero padding, every block's trailer CRC and compression type, the
 * restart array, entry bounds, and that keys are strictly increasing across the table. Any failure
 * is a {@link CorruptCheckpointException} naming the byte offset.
 */
final class TableReader {
  /** One entry of a block; {@code offset} is its position inside the block. */
  record Entry(int offset, int shared, int nonShared, byte[] key, byte[] value) {}

  /** One block as stored: file offset and size (without trailer), trailer crc, restarts, entries. */
  record Block(long offset, int size, int trailerCrc, int[] restarts, List<Entry> entries) {}

  /** The parsed table: its footer handles and its blocks, data blocks in file order. */
  record Table(long length, Block metaindex, Block index, List<Block> data) {
    /** All data entries in key order. */
    List<Entry> entries() {
      List<Entry> all = new ArrayList<>();
      data.forEach(b -> all.addAll(b.entries()));
      return all;
    }
  }

  private final Path file;
  private final byte[] b;

  private TableReader(Path file, byte[] bytes) {
    this.file = file;
    this.b = bytes;
  }

  static Table parse(Path file, byte[] bytes) throws CorruptCheckpointException {
    return new TableReader(file, bytes).parse();
  }

  private Table parse() throws CorruptCheckpointException {
    if (b.length < FOOTER_SIZE) {
      throw corrupt(0, "expected a table of at least " + FOOTER_SIZE + " bytes (the footer), "
          + "the file has " + b.length);
    }
    int footer = b.length - FOOTER_SIZE;
    long magic = fixed64(b.length - 8);
    if (magic != MAGIC) {
      throw corrupt(b.length - 8, "expected table magic 0x" + Long.toHexString(MAGIC)
          + ", found 0x" + Long.toHexString(magic));
    }
    int[] pos = {footer};
    long metaOffset = varint(pos, b.length - 8, "metaindex block offset");
    long metaSize = varint(pos, b.length - 8, "metaindex block size");
    long indexOffset = varint(pos, b.length - 8, "index block offset");
    long indexSize = varint(pos, b.length - 8, "index block size");
    for (int i = pos[0]; i < b.length - 8; i++) {
      if (b[i] != 0) {
        throw corrupt(i, "expected zero padding in the table footer, found 0x"
            + Integer.toHexString(b[i] & 0xff));
      }
    }
    Block meta = block(metaOffset, metaSize, footer, "metaindex");
    Block index = block(indexOffset, indexSize, footer, "index");
    List<Block> data = new ArrayList<>();
    byte[] prevKey = null;
    for (Entry e : index.entries()) {
      int[] p = {0};
      long entryAt = index.offset() + e.offset();
      long off = varint(e.value(), p, entryAt, "data block offset");
      long size = varint(e.value(), p, entryAt, "data block size");
      if (p[0] != e.value().length) {
        throw corrupt(entryAt, "expected an index value of exactly one block handle, found "
            + e.value().length + " bytes");
      }
      Block blk = block(off, size, footer, "data");
      for (Entry d : blk.entries()) {
        if (prevKey != null && Arrays.compareUnsigned(d.key(), prevKey) <= 0) {
          throw corrupt(blk.offset() + d.offset(), "expected keys in increasing order, found '"
              + str(d.key()) + "' after '" + str(prevKey) + "'");
        }
        prevKey = d.key();
      }
      if (prevKey != null && Arrays.compareUnsigned(prevKey, e.key()) > 0) {
        throw corrupt(entryAt, "expected index key '" + str(e.key())
            + "' to be at least the block's last key '" + str(prevKey) + "'");
      }
      data.add(blk);
    }
    return new Table(b.length, meta, index, data);
  }

  /** Reads and checks the block at [offset, offset+size) followed by its 5-byte trailer. */
  private Block block(long offset, long size, int limit, String kind)
      throws CorruptCheckpointException {
    if (offset < 0 || size < 4 || offset + size + TRAILER_SIZE > limit) {
      throw corrupt(limit, "expected the " + kind + " block handle (offset " + offset + ", size "
          + size + ") to lie inside the first " + limit + " bytes");
    }
    int start = (int) offset;
    int n = (int) size;
    int type = b[start + n] & 0xff;
    int stored = (int) fixed32(start + n + 1);
    int actual = MaskedCrc32c.maskedCrc(b, start, n + 1);
    if (stored != actual) {
      throw corrupt(start + n + 1, String.format("expected %s block crc32c 0x%08x (masked) for "
          + "bytes [%d, %d), found 0x%08x", kind, actual, start, start + n + 1, stored));
    }
    if (type != 0) {
      throw corrupt(start + n, "expected compression type 0 (none) for the " + kind + " block, "
          + "found " + type + (type == 1 ? " (Snappy, which Rill does not read)" : ""));
    }
    int numRestarts = (int) fixed32(start + n - 4);
    int maxRestarts = (n - 4) / 4;
    if (numRestarts < 1 || numRestarts > maxRestarts) {
      throw corrupt(start + n - 4, "expected 1 to " + maxRestarts + " restart points in the "
          + kind + " block, found " + Integer.toUnsignedString(numRestarts));
    }
    int dataEnd = n - 4 - 4 * numRestarts;
    int[] restarts = new int[numRestarts];
    for (int i = 0; i < numRestarts; i++) {
      restarts[i] = (int) fixed32(start + dataEnd + 4 * i);
    }
    List<Entry> entries = entries(start, dataEnd, kind);
    checkRestarts(start, dataEnd, restarts, entries, kind);
    return new Block(offset, n, stored, restarts, List.copyOf(entries));
  }

  private List<Entry> entries(int start, int dataEnd, String kind)
      throws CorruptCheckpointException {
    List<Entry> out = new ArrayList<>();
    byte[] prev = new byte[0];
    int[] pos = {start};
    int end = start + dataEnd;
    while (pos[0] < end) {
      int at = pos[0];
      long shared = varint(pos, end, kind + " entry's shared key length");
      long nonShared = varint(pos, end, kind + " entry's key length");
      long valueLen = varint(pos, end, kind + " entry's value length");
      if (shared > prev.length) {
        throw corrupt(at, "expected at most " + prev.length + " shared key bytes, found " + shared);
      }
      if (nonShared + valueLen > end - pos[0]) {
        throw corrupt(at, "expected an entry of " + (nonShared + valueLen) + " key and value bytes "
            + "to fit in the " + (end - pos[0]) + " bytes left in the " + kind + " block");
      }
      byte[] key = Arrays.copyOf(prev, (int) (shared + nonShared));
      System.arraycopy(b, pos[0], key, (int) shared, (int) nonShared);
      pos[0] += (int) nonShared;
      byte[] value = Arrays.copyOfRange(b, pos[0], pos[0] + (int) valueLen);
      pos[0] += (int) valueLen;
      out.add(new Entry(at - start, (int) shared, (int) nonShared, key, value));
      prev = key;
    }
    return out;
  }

  /** Restart points must fall on entries that share nothing, in increasing order. */
  private void checkRestarts(int start, int dataEnd, int[] restarts, List<Entry> entries,
      String kind) throws CorruptCheckpointException {
    int k = 0;
    for (int i = 0; i < restarts.length; i++) {
      int r = restarts[i];
      boolean emptyBlockStart = entries.isEmpty() && i == 0 && r == 0;
      while (k < entries.size() && entries.get(k).offset() < r) {
        k++;
      }
      boolean onEntry = k < entries.size() && entries.get(k).offset() == r
          && entries.get(k).shared() == 0;
      if (!emptyBlockStart && (!onEntry || (i == 0 && r != 0))) {
        throw corrupt(start + dataEnd + 4L * i, "expected restart point " + i + " of the " + kind
            + " block at an entry with no shared key bytes, found offset "
            + Integer.toUnsignedString(r));
      }
      k++;
    }
  }

  private long varint(int[] pos, int end, String what) throws CorruptCheckpointException {
    long v = 0;
    int at = pos[0];
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= end) {
        throw corrupt(at, "expected a varint (" + what + "), ran past byte " + end);
      }
      int x = b[pos[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return checkVarint(v, x, shift, at, what);
      }
    }
    throw corrupt(at, "expected a varint of at most 10 bytes (" + what + ")");
  }

  private long varint(byte[] v, int[] pos, long at, String what)
      throws CorruptCheckpointException {
    long r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= v.length) {
        throw corrupt(at, "expected a varint (" + what + ") inside the entry's value");
      }
      int x = v[pos[0]++] & 0xff;
      r |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return checkVarint(r, x, shift, at, what);
      }
    }
    throw corrupt(at, "expected a varint of at most 10 bytes (" + what + ")");
  }

  /**
   * Writers emit minimal varints, so a trailing zero byte is damage (it would otherwise hide a
   * flipped continuation bit) as is a value too large for the table.
   */
  private long checkVarint(long v, int lastByte, int shift, long at, String what)
      throws CorruptCheckpointException {
    if (lastByte == 0 && shift > 0) {
      throw corrupt(at, "expected a minimal varint (" + what + "), found a trailing zero byte");
    }
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw corrupt(at, "expected " + what + " below 2^31, found " + Long.toUnsignedString(v));
    }
    return v;
  }

  private long fixed32(int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16
        | (b[p + 3] & 0xffL) << 24;
  }

  private long fixed64(int p) {
    return fixed32(p) | fixed32(p + 4) << 32;
  }

  private CorruptCheckpointException corrupt(long offset, String expected) {
    return new CorruptCheckpointException(file, offset, expected);
  }

  static String str(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }
}
