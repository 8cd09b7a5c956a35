package dev.rill.data.lookup;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps string tokens to int64 ids: a token of the vocabulary to its position, any other token to
 * an out-of-vocabulary bucket or a default id. With buckets it behaves as TensorFlow's
 * {@code tf.lookup.StaticVocabularyTable} (an unknown key goes to
 * {@code vocabularySize + Fingerprint64(key) mod numOovBuckets}, see {@link Fingerprint64}); without,
 * as a {@code StaticHashTable} with a default value (as {@code index_table_from_file} with no
 * buckets, whose default is -1).
 *
 * {@snippet :
 * VocabularyTable vocab = VocabularyTable.fromFile(Path.of("data/vocab.txt"), 100);
 * Tensor ids = vocab.lookup(Tensor.of("the", "cat", "zyzzyva"));   // int64 [3]
 * }
 *
 * <p>A vocabulary file is read as {@code tf.lookup.TextFileInitializer} with the whole line as key
 * and the line number as value: lines end at {@code \n}, a {@code \r} before it is dropped, an
 * empty line is the key "" and a last line without a newline still counts. A key that appears twice
 * is an error (TensorFlow refuses a second, different value for a key). Tables are immutable and
 * thread-safe.
 */
public final class VocabularyTable {
  private final Map<ByteBuffer, Long> ids;
  private final List<byte[]> tokens;
  private final long numOovBuckets;
  private final long defaultId;

  /** {@code source} names the file in errors, or is null for a list. */
  private VocabularyTable(List<byte[]> tokens, long numOovBuckets, long defaultId, String source) {
    if (numOovBuckets < 0) {
      throw new IllegalArgumentException("VocabularyTable: numOovBuckets must be >= 0, got "
          + numOovBuckets);
    }
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      Long before = ids.putIfAbsent(ByteBuffer.wrap(tokens.get(i)), (long) i);
      if (before != null) {
        String where = source == null ? "entry " + i : source + " line " + (i + 1);
        String first = source == null ? "entry " + before : "line " + (before + 1);
        throw new IllegalArgumentException("VocabularyTable: key '"
            + new String(tokens.get(i), StandardCharsets.UTF_8) + "' at " + where
            + " already has id " + before + " (" + first + ")");
      }
    }
    this.numOovBuckets = numOovBuckets;
    this.defaultId = defaultId;
  }

  /** Tokens in id order, unknown tokens to {@code numOovBuckets} hash buckets after them. */
  public static VocabularyTable fromList(List<String> vocabulary, long numOovBuckets) {
    return new VocabularyTable(utf8(vocabulary), numOovBuckets, -1, null);
  }

  /** Tokens in id order, unknown tokens to {@code defaultId}. */
  public static VocabularyTable fromListWithDefault(List<String> vocabulary, long defaultId) {
    return new VocabularyTable(utf8(vocabulary), 0, defaultId, null);
  }

  /** One token per line, unknown tokens to {@code numOovBuckets} hash buckets. */
  public static VocabularyTable fromFile(Path file, long numOovBuckets) throws IOException {
    return new VocabularyTable(lines(file), numOovBuckets, -1, file.toString());
  }

  /** One token per line, unknown tokens to {@code defaultId}. */
  public static VocabularyTable fromFileWithDefault(Path file, long defaultId) throws IOException {
    return new VocabularyTable(lines(file), 0, defaultId, file.toString());
  }

  private static List<byte[]> utf8(List<String> vocabulary) {
    return vocabulary.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static List<byte[]> lines(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean pending = false;
      int r;
      while ((r = in.read(buf)) > 0) {
        int start = 0;
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            line.write(buf, start, i - start);
            out.add(dropCr(line.toByteArray()));
            line.reset();
            start = i + 1;
            pending = false;
          }
        }
        if (start < r) {
          line.write(buf, start, r - start);
          pending = true;
        }
      }
      if (pending) {
        out.add(dropCr(line.toByteArray()));
      }
    }
    return out;
  }

  private static byte[] dropCr(byte[] b) {
    return b.length > 0 && b[b.length - 1] == '\r' ? java.util.Arrays.copyOf(b, b.length - 1) : b;
  }

  /** Tokens in the vocabulary (ids below this are vocabulary ids). */
  public int vocabularySize() {
    return tokens.size();
  }

  /** All ids this table can return: vocabulary plus buckets. */
  public long size() {
    return tokens.size() + numOovBuckets;
  }

  public long numOovBuckets() {
    return numOovBuckets;
  }

  /** The token with vocabulary id {@code id}. */
  public String token(int id) {
    return new String(tokens.get(id), StandardCharsets.UTF_8);
  }

  /** The id of a token given as bytes. */
  public long lookup(byte[] key) {
    Long id = ids.get(ByteBuffer.wrap(key));
    if (id != null) {
      return id;
    }
    if (numOovBuckets > 0) {
      return tokens.size() + Long.remainderUnsigned(Fingerprint64.of(key), numOovBuckets);
    }
    return defaultId;
  }

  /** The id of a token (its UTF-8 bytes). */
  public long lookup(String key) {
    return lookup(key.getBytes(StandardCharsets.UTF_8));
  }

  /** Ids for a string tensor of any shape: an int64 tensor of the same shape. */
  public Tensor lookup(Tensor keys) {
    if (keys.dtype() != DType.STRING) {
      throw new IllegalArgumentException("VocabularyTable: keys must be a string tensor, got "
          + keys.spec());
    }
    byte[][] k = keys.stringData();
    long[] out = new long[k.length];
    for (int i = 0; i < k.length; i++) {
      out[i] = lookup(k[i]);
    }
    return Tensor.of(keys.shape(), out);
  }
}
