package dev.rill.models.census;

import dev.rill.train.RunConfig;
import dev.rill.train.canned.CannedEstimator;
import dev.rill.train.canned.DNNClassifier;
import dev.rill.train.canned.DNNLinearCombinedClassifier;
import dev.rill.train.canned.DNNOptions;
import dev.rill.train.canned.LinearClassifier;
import dev.rill.train.canned.LinearOptions;
import java.util.List;
import java.util.Locale;

/**
 * The census tutorial's three estimators, with TensorFlow's default optimizers: {@code wide} a
 * {@link LinearClassifier} over the wide columns (FTRL), {@code deep} a {@link DNNClassifier}
 * over the deep columns (Adagrad 0.05), {@code wide_deep} a {@link DNNLinearCombinedClassifier}
 * of both (FTRL for the linear part, Adagrad 0.001 for the deep part).
 *
 * {@snippet :
 * CannedEstimator m = CensusModel.WIDE_DEEP.build(CensusColumns.of(CensusSpec.adult()),
 *     CensusModel.HIDDEN_UNITS, RunConfig.of(modelDir, 42));
 * }
 */
public enum CensusModel {
  WIDE, DEEP, WIDE_DEEP;

  /** The tutorial's hidden layers. */
  public static final List<Integer> HIDDEN_UNITS = List.of(100, 75, 50, 25);

  /** The flag value: {@code wide}, {@code deep} or {@code wide_deep}. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The model named by a flag value. */
  public static CensusModel of(String flag) {
    for (CensusModel m : values()) {
      if (m.flag().equals(flag)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown model type '" + flag
        + "'; expected wide, deep or wide_deep");
  }

  /** The estimator of this type; the spec must give the columns it needs. */
  public CannedEstimator build(CensusColumns columns, List<Integer> hiddenUnits,
      RunConfig config) {
    if (this != DEEP && columns.wide().isEmpty()) {
      throw new IllegalArgumentException("model type " + flag() + " needs wide columns "
          + "(vocabulary, hash, bucketized or crossed), but the spec has none");
    }
    if (this != WIDE && columns.deep().isEmpty()) {
      throw new IllegalArgumentException("model type " + flag() + " needs deep columns "
          + "(numeric, indicator or embedding), but the spec has none");
    }
    return switch (this) {
      case WIDE -> new LinearClassifier(LinearOptions.of(columns.wide()), config);
      case DEEP -> new DNNClassifier(DNNOptions.of(hiddenUnits, columns.deep()), config);
      case WIDE_DEEP -> new DNNLinearCombinedClassifier(LinearOptions.of(columns.wide()),
          DNNOptions.of(hiddenUnits, columns.deep()), config);
    };
  }
}
