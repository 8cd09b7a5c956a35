package dev.rill.train.feature;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.data.lookup.Fingerprint64;
import dev.rill.data.lookup.VocabularyTable;
import dev.rill.io.example.SparseTensor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ids from a vocabulary, {@code categorical_column_with_vocabulary_list} and
 * {@code _with_vocabulary_file}: a value in the vocabulary gets its position; any other value
 * goes to one of {@code numOovBuckets} buckets after the vocabulary
 * ({@code size + Fingerprint64(value) mod numOovBuckets}, integers hashed as their decimal
 * string) or, with no buckets, gets {@code defaultValue} (-1, "no id", unless set). Dense input
 * drops "" and -1 first.
 *
 * <p>Made by {@link FeatureColumns#categoricalWithVocabularyList} and
 * {@link FeatureColumns#categoricalWithVocabularyFile}.
 */
public final class VocabularyColumn implements CategoricalColumn {
  private final String key;
  private final List<String> strings;
  private final long[] ints;
  private final int numOovBuckets;
  private final long defaultValue;
  private final VocabularyTable table;
  private final Map<Long, Integer> intIds;

  /** String vocabulary. */
  VocabularyColumn(String key, List<String> vocabulary, int numOovBuckets, long defaultValue) {
    this(key, List.copyOf(vocabulary), null, numOovBuckets, defaultValue);
  }

  /** Integer vocabulary. */
  VocabularyColumn(String key, long[] vocabulary, int numOovBuckets, long defaultValue) {
    this(key, null, vocabulary.clone(), numOovBuckets, defaultValue);
  }

  private VocabularyColumn(String key, List<String> strings, long[] ints, int numOovBuckets,
      long defaultValue) {
    if (key == null || key.isEmpty()) {
      throw new InvalidArgumentException("vocabulary column: key must not be empty");
    }
    int size = strings != null ? strings.size() : ints.length;
    if (size == 0) {
      throw new InvalidArgumentException("vocabulary column '" + key
          + "': the vocabulary is empty");
    }
    if (numOovBuckets < 0) {
      throw new InvalidArgumentException("vocabulary column '" + key
          + "': num_oov_buckets must be >= 0, got " + numOovBuckets);
    }
    if (numOovBuckets > 0 && defaultValue != -1) {
      throw new InvalidArgumentException("vocabulary column '" + key
          + "': can't specify both default_value and num_oov_buckets");
    }
    this.key = key;
    this.strings = strings;
    this.ints = ints;
    this.numOovBuckets = numOovBuckets;
    this.defaultValue = defaultValue;
    if (strings != null) {
      this.table = numOovBuckets > 0 ? VocabularyTable.fromList(strings, numOovBuckets)
          : VocabularyTable.fromListWithDefault(strings, defaultValue);
      this.intIds = null;
    } else {
      this.table = null;
      this.intIds = new HashMap<>();
      for (int i = 0; i < ints.length; i++) {
        if (intIds.putIfAbsent(ints[i], i) != null) {
          throw new InvalidArgumentException("vocabulary column '" + key + "': duplicate key "
              + ints[i]);
        }
      }
    }
  }

  @Override
  public String name() {
    return key;
  }

  public String key() {
    return key;
  }

  /** Entries in the vocabulary. */
  public int vocabularySize() {
    return strings != null ? strings.size() : ints.length;
  }

  /** True if the vocabulary is integers (the feature is int64), false for strings. */
  public boolean isIntegerVocabulary() {
    return ints != null;
  }

  public int numOovBuckets() {
    return numOovBuckets;
  }

  public long defaultValue() {
    return defaultValue;
  }

  @Override
  public int numBuckets() {
    return vocabularySize() + numOovBuckets;
  }

  @Override
  public IdWeightPair idWeightPair(TransformCache cache) {
    return cache.ids(this, () -> {
      SparseTensor in = SparseIds.feature(cache.features(), key);
      long[] ids = new long[in.size()];
      if (strings != null) {
        if (in.values().dtype() != DType.STRING) {
          throw new InvalidArgumentException("vocabulary column '" + key
              + "': the vocabulary is strings, the feature is " + in.values().dtype());
        }
        byte[][] v = in.values().stringData();
        for (int i = 0; i < ids.length; i++) {
          ids[i] = table.lookup(v[i]);
        }
      } else {
        long[] v = SparseIds.longValues(in.values(), key);
        for (int i = 0; i < ids.length; i++) {
          Integer id = intIds.get(v[i]);
          ids[i] = id != null ? id : numOovBuckets > 0 ? ints.length
              + Long.remainderUnsigned(Fingerprint64.of(
                  Long.toString(v[i]).getBytes(StandardCharsets.UTF_8)), numOovBuckets)
              : defaultValue;
        }
      }
      return new IdWeightPair(SparseIds.ids(in, ids), null);
    });
  }

  @Override
  public String toString() {
    return "VocabularyColumn(" + key + ", " + vocabularySize() + " entries, oov "
        + numOovBuckets + ")";
  }
}
