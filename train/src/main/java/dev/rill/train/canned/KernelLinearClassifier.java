package dev.rill.train.canned;

import dev.rill.core.Tensor;
import dev.rill.train.RunConfig;
import dev.rill.train.feature.FeatureColumn;
import dev.rill.train.feature.FeatureColumns;
import dev.rill.train.feature.Features;
import dev.rill.train.feature.NumericColumn;
import dev.rill.train.feature.TransformCache;
import dev.rill.train.kernel.RandomFourierFeatureMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear classifier on explicit kernel features, as TF contrib's
 * {@code kernel_methods.KernelLinearClassifier}: each real-valued column named in
 * {@code kernelMappers} is mapped by each of its {@link RandomFourierFeatureMapper}s, and a
 * linear model ({@link LinearOptions}: FTRL by default) is trained on the mapped features plus
 * the linear options' own columns. A column only among the mappers' keys is used only in its
 * mapped form; one in both, both ways.
 *
 * {@snippet :
 * NumericColumn image = FeatureColumns.numeric("images", 784);
 * KernelLinearClassifier m = new KernelLinearClassifier(LinearOptions.of(List.of())
 *         .withOptimizer(FtrlOptimizer.builder(50).l2(0.001).build()),
 *     Map.of(image, List.of(new RandomFourierFeatureMapper(784, 2000, 5.0, 1))), 10, null,
 *     RunConfig.of(dir, 42));
 * }
 *
 * <p>A mapped column is the numeric column {@code <column>_rffm} (then {@code _rffm_1},
 * {@code _rffm_2}, ... for further mappers of one column), so its weights are
 * {@code linear/linear_model/<column>_rffm/weights}.
 */
public final class KernelLinearClassifier extends CannedEstimator {
  /** Binary, unweighted. */
  public KernelLinearClassifier(LinearOptions linear,
      Map<NumericColumn, List<RandomFourierFeatureMapper>> kernelMappers, RunConfig config) {
    this(linear, kernelMappers, 2, null, config);
  }

  /** @param weightColumn the per-example weight feature, or null */
  public KernelLinearClassifier(LinearOptions linear,
      Map<NumericColumn, List<RandomFourierFeatureMapper>> kernelMappers, int nClasses,
      String weightColumn, RunConfig config) {
    super(classHead(nClasses), weightColumn, network(linear, kernelMappers), config);
  }

  private static Network network(LinearOptions linear,
      Map<NumericColumn, List<RandomFourierFeatureMapper>> kernelMappers) {
    Map<NumericColumn, List<RandomFourierFeatureMapper>> mappers =
        new LinkedHashMap<>(kernelMappers);
    int mapped = 0;
    for (Map.Entry<NumericColumn, List<RandomFourierFeatureMapper>> e : mappers.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException("no kernel mappers for column " + e.getKey().name());
      }
      for (RandomFourierFeatureMapper m : e.getValue()) {
        if (m.inputDim() != e.getKey().dimension()) {
          throw new IllegalArgumentException("mapper " + m + " does not fit column '"
              + e.getKey().name() + "' of dimension " + e.getKey().dimension());
        }
        mapped++;
      }
    }
    if (linear.featureColumns().isEmpty() && mapped == 0) {
      throw new IllegalArgumentException("either feature columns or kernel mappers must be "
          + "given");
    }
    int columns = linear.featureColumns().size() + mapped;
    return new Network((features, units) -> linear.logits(withMapped(features, mappers),
        mappedColumns(linear.featureColumns(), mappers), units),
        Map.of(LinearOptions.PREFIX, linear.optimizerOrDefault(
            LinearOptions.LINEAR_LEARNING_RATE, columns)));
  }

  /** The name of the {@code i}-th mapped form of {@code column}. */
  static String mappedName(NumericColumn column, int i) {
    return column.name() + "_rffm" + (i == 0 ? "" : "_" + i);
  }

  private static List<FeatureColumn> mappedColumns(List<FeatureColumn> own,
      Map<NumericColumn, List<RandomFourierFeatureMapper>> mappers) {
    List<FeatureColumn> out = new ArrayList<>(own);
    mappers.forEach((column, ms) -> {
      for (int i = 0; i < ms.size(); i++) {
        out.add(FeatureColumns.numeric(mappedName(column, i), ms.get(i).outputDim()));
      }
    });
    return out;
  }

  /** The features plus each mapped form as a dense feature. */
  private static Features withMapped(Features features,
      Map<NumericColumn, List<RandomFourierFeatureMapper>> mappers) {
    Features.Builder b = Features.builder();
    for (String key : features.keys()) {
      if (features.isSparse(key)) {
        b.sparse(key, features.sparse(key));
      } else {
        b.dense(key, features.dense(key));
      }
    }
    TransformCache cache = new TransformCache(features, FeatureColumns.LINEAR_MODEL);
    mappers.forEach((column, ms) -> {
      Tensor x = column.denseTensor(cache);
      for (int i = 0; i < ms.size(); i++) {
        String name = mappedName(column, i);
        if (features.has(name)) {
          throw new IllegalArgumentException("feature '" + name + "' clashes with the mapped "
              + "form of column '" + column.name() + "'");
        }
        b.dense(name, ms.get(i).map(x));
      }
    });
    return b.build();
  }
}
