package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded generators of feature specs and of records that mostly fit them: right kinds and
 * lengths most of the time, with missing features, unset kinds, wrong kinds and wrong lengths
 * mixed in, so that parsers meet both their outputs and every error.
 */
final class RandomExamples {
  static final String[] NAMES = {"a", "b", "c", "d", "e"};
  private static final DType[] DTYPES = {DType.FLOAT32, DType.INT64, DType.STRING};
  private static final int[][] SHAPES = {{}, {1}, {2}, {2, 2}, {0}};

  private final SplittableRandom rnd;

  RandomExamples(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return rnd;
  }

  DType dtype() {
    return DTYPES[rnd.nextInt(DTYPES.length)];
  }

  /** A spec for parse_example over some of {@link #NAMES}. */
  Map<String, FeatureSpec> exampleSpec() {
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    for (String name : NAMES) {
      if (rnd.nextInt(5) == 0) {
        continue;
      }
      DType t = dtype();
      spec.put(name, switch (rnd.nextInt(3)) {
        case 0 -> VarLenFeature.of(t);
        case 1 -> fixed(t);
        default -> {
          FixedLenSequenceFeature f = FixedLenSequenceFeature.of(t,
              rnd.nextBoolean() ? new int[0] : new int[] {2}).allowingMissing();
          yield rnd.nextBoolean() ? f : f.withPadding(values(t, Shape.scalar()));
        }
      });
    }
    return spec;
  }

  /** Context spec for parse_sequence_example. */
  Map<String, FeatureSpec> contextSpec() {
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    for (String name : NAMES) {
      if (rnd.nextInt(3) == 0) {
        DType t = dtype();
        spec.put(name, rnd.nextBoolean() ? VarLenFeature.of(t) : fixed(t));
      }
    }
    return spec;
  }

  /** Feature-list spec for parse_sequence_example. */
  Map<String, FeatureSpec> featureListSpec() {
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    for (String name : NAMES) {
      if (rnd.nextInt(3) == 0) {
        continue;
      }
      DType t = dtype();
      if (rnd.nextBoolean()) {
        spec.put(name, VarLenFeature.of(t));
      } else {
        FixedLenSequenceFeature f = FixedLenSequenceFeature.of(t,
            rnd.nextBoolean() ? new int[0] : new int[] {2});
        spec.put(name, rnd.nextInt(3) == 0 ? f : f.allowingMissing());
      }
    }
    return spec;
  }

  private FixedLenFeature fixed(DType t) {
    FixedLenFeature f = FixedLenFeature.of(t, SHAPES[rnd.nextInt(SHAPES.length)]);
    return rnd.nextBoolean() ? f : f.withDefault(values(t, f.shape()));
  }

  /** Random values of {@code t} filling {@code shape}. */
  Tensor values(DType t, Shape shape) {
    Feature f = feature(t, shape.size());
    return switch (f) {
      case Feature.Int64List l -> Tensor.of(shape, l.values());
      case Feature.FloatList l -> Tensor.of(shape, l.values());
      case Feature.BytesList l -> Tensor.wrap(DType.STRING, shape, l.values());
      case Feature.Unset u -> throw new AssertionError();
    };
  }

  /** An Example whose features usually fit {@code spec}. */
  Example example(Map<String, FeatureSpec> spec) {
    Example.Builder b = Example.builder();
    for (String name : NAMES) {
      FeatureSpec s = spec.get(name);
      if (rnd.nextInt(6) == 0) {
        continue; // missing
      }
      b.feature(name, fitting(s, s instanceof FixedLenSequenceFeature r
          ? r.shape().size() * rnd.nextInt(4) : -1));
    }
    return b.build();
  }

  /** A SequenceExample whose context and lists usually fit the specs. */
  SequenceExample sequenceExample(Map<String, FeatureSpec> context,
      Map<String, FeatureSpec> lists) {
    SequenceExample.Builder b = SequenceExample.builder();
    for (String name : NAMES) {
      if (rnd.nextInt(6) != 0) {
        b.context(name, fitting(context.get(name), -1));
      }
      if (rnd.nextInt(6) != 0) {
        FeatureSpec s = lists.get(name);
        int steps = rnd.nextInt(4);
        List<Feature> list = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
          list.add(fitting(s, s instanceof FixedLenSequenceFeature r ? r.shape().size() : -1));
        }
        b.featureList(name, list);
      }
    }
    return b.build();
  }

  /**
   * A feature that fits {@code s} (null: anything) most of the time; {@code length} is the fitting
   * count (-1: the spec's fixed size, or random).
   */
  Feature fitting(FeatureSpec s, int length) {
    int roll = rnd.nextInt(20);
    if (roll == 0) {
      return Feature.unset();
    }
    DType t = s == null || roll == 1 ? dtype() : s.dtype();
    int n = length >= 0 ? length : s instanceof FixedLenFeature f ? f.shape().size()
        : rnd.nextInt(5);
    if (roll == 2) {
      n = rnd.nextInt(5); // maybe a wrong length
    }
    return feature(t, n);
  }

  Feature feature(DType t, int n) {
    return switch (t) {
      case INT64 -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = rnd.nextBoolean() ? rnd.nextInt(100) - 50 : rnd.nextLong();
        }
        yield new Feature.Int64List(v);
      }
      case FLOAT32 -> {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = switch (rnd.nextInt(10)) {
            case 0 -> -0f;
            case 1 -> Float.NaN;
            case 2 -> Float.intBitsToFloat(rnd.nextInt());
            default -> (float) (rnd.nextDouble() * 2 - 1);
          };
        }
        yield new Feature.FloatList(v);
      }
      default -> {
        byte[][] v = new byte[n][];
        for (int i = 0; i < n; i++) {
          v[i] = new byte[rnd.nextInt(6)];
          rnd.nextBytes(v[i]);
        }
        yield new Feature.BytesList(v);
      }
    };
  }
}
