package dev.rill.models.census;

import dev.rill.train.feature.BucketizedColumn;
import dev.rill.train.feature.CategoricalColumn;
import dev.rill.train.feature.FeatureColumn;
import dev.rill.train.feature.FeatureColumns;
import dev.rill.train.feature.NumericColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wide and deep feature columns a {@link CensusSpec} describes, as the tutorial's
 * {@code build_model_columns}: wide = the vocabulary, hash and bucketized columns plus the
 * crosses; deep = the numeric columns, the indicators and the embeddings.
 *
 * @param wide the linear part's columns
 * @param deep the DNN part's columns
 */
public record CensusColumns(List<FeatureColumn> wide, List<FeatureColumn> deep) {
  public CensusColumns {
    wide = List.copyOf(wide);
    deep = List.copyOf(deep);
  }

  /** Builds the columns of {@code spec}. */
  public static CensusColumns of(CensusSpec spec) {
    Map<String, CategoricalColumn> categorical = new LinkedHashMap<>();
    List<FeatureColumn> wide = new ArrayList<>();
    spec.vocabularies().forEach((name, values) -> categorical.put(name,
        FeatureColumns.categoricalWithVocabularyList(name, values)));
    spec.hashBuckets().forEach((name, buckets) -> categorical.put(name,
        FeatureColumns.categoricalWithHashBucket(name, buckets)));
    Map<String, BucketizedColumn> buckets = new LinkedHashMap<>();
    for (CensusSpec.Bucketized b : spec.bucketized()) {
      BucketizedColumn c = FeatureColumns.bucketized(FeatureColumns.numeric(b.source()),
          b.boundaries());
      buckets.put(b.name(), c);
      categorical.put(b.name(), c);
    }
    // base columns in the tutorial's order: vocabularies, hashes, then bucketized
    wide.addAll(categorical.values());
    for (CensusSpec.Crossed x : spec.crossed()) {
      List<Object> keys = new ArrayList<>();
      for (String k : x.keys()) {
        // a bucketized handle crosses its bucket ids; any other key crosses the raw string
        keys.add(buckets.containsKey(k) ? buckets.get(k) : k);
      }
      wide.add(FeatureColumns.crossed(keys, x.hashBuckets()));
    }

    List<FeatureColumn> deep = new ArrayList<>();
    for (String n : spec.numeric()) {
      NumericColumn c = FeatureColumns.numeric(n);
      deep.add(c);
    }
    for (String n : spec.indicators()) {
      deep.add(FeatureColumns.indicator(categorical.get(n)));
    }
    for (CensusSpec.Embedding e : spec.embeddings()) {
      deep.add(FeatureColumns.embedding(categorical.get(e.column()), e.dimension()));
    }
    return new CensusColumns(wide, deep);
  }
}
