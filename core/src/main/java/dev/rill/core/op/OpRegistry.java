package dev.rill.core.op;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every op by TensorFlow name. Op families declare their definitions as {@code public static final
 * OpDef} fields; listing the family here is all it takes to register them. Graph import and export
 * look ops up here.
 */
public final class OpRegistry {
  /** The classes whose public static OpDef fields are ops. Add a family here when you add one. */
  private static final List<String> FAMILIES = List.of(
      "dev.rill.core.ops.math.UnaryDefs",
      "dev.rill.core.ops.math.BinaryDefs",
      "dev.rill.core.ops.math.CastDefs",
      "dev.rill.core.ops.math.CompareDefs",
      "dev.rill.core.ops.math.SelectDefs",
      "dev.rill.core.ops.math.LogicalDefs",
      "dev.rill.core.ops.math.ComplexDefs",
      "dev.rill.core.ops.reduce.ExtremaDefs",
      "dev.rill.core.ops.reduce.ProdDefs",
      "dev.rill.core.ops.reduce.LogicalReduceDefs",
      "dev.rill.core.ops.reduce.ArgDefs",
      "dev.rill.core.ops.reduce.L2LossDefs",
      "dev.rill.core.ops.reduce.ReduceDefs",
      "dev.rill.core.ops.array.ShapeDefs",
      "dev.rill.core.ops.array.LayoutDefs",
      "dev.rill.core.ops.array.JoinDefs",
      "dev.rill.core.ops.array.SliceDefs",
      "dev.rill.core.ops.array.PadDefs",
      "dev.rill.core.ops.array.GatherDefs",
      "dev.rill.core.ops.array.CreationDefs",
      "dev.rill.core.ops.array.TopKDefs",
      "dev.rill.core.ops.linalg.MatMulDefs",
      "dev.rill.core.ops.linalg.FusedMatMulDefs",
      "dev.rill.core.ops.nn.SoftmaxDefs",
      "dev.rill.core.ops.nn.CrossEntropyDefs",
      "dev.rill.core.ops.nn.BatchNormDefs",
      "dev.rill.core.ops.nn.DropoutDefs",
      "dev.rill.core.ops.random.RandomDefs",
      "dev.rill.core.ops.nn.conv.BiasAddDefs",
      "dev.rill.core.ops.nn.conv.Conv2DDefs",
      "dev.rill.core.ops.nn.conv.FusedConv2DDefs",
      "dev.rill.core.ops.nn.conv.DepthwiseConv2dDefs",
      "dev.rill.core.ops.nn.conv.PoolDefs",
      "dev.rill.core.ops.nn.conv.LrnDefs",
      "dev.rill.core.ops.image.ResizeBilinearDefs");

  private static final Map<String, OpDef<?>> OPS = load();

  private OpRegistry() {}

  /** The op named {@code name}, or null. */
  public static OpDef<?> get(String name) {
    return OPS.get(name);
  }

  /** All op names, sorted. */
  public static List<String> names() {
    return List.copyOf(OPS.keySet());
  }

  /** All ops, by name. */
  public static Map<String, OpDef<?>> all() {
    return Collections.unmodifiableMap(OPS);
  }

  private static Map<String, OpDef<?>> load() {
    Map<String, OpDef<?>> ops = new TreeMap<>();
    for (String family : FAMILIES) {
      Class<?> c;
      try {
        c = Class.forName(family);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("op family " + family + " is missing", e);
      }
      for (Field f : c.getFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) && OpDef.class.isAssignableFrom(f.getType())) {
          try {
            OpDef<?> op = (OpDef<?>) f.get(null);
            OpDef<?> previous = ops.put(op.name(), op);
            if (previous != null && previous != op) {
              throw new IllegalStateException("two ops named " + op.name());
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return ops;
  }
}
