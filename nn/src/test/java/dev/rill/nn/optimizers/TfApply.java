package dev.rill.nn.optimizers;

import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;

/**
 * Runs one of TensorFlow's stateful {@code ApplyX} / {@code SparseApplyX} training ops for several
 * steps on TF1 ref variables ({@code VariableV2} + {@code Assign}) in one session: the oracle the
 * optimizer tests compare with.
 *
 * {@snippet :
 * List<List<Tensor>> states = new TfApply("ApplyGradientDescent")
 *     .variable(var0).feed("alpha").feed("delta")
 *     .run(List.of(Map.of("alpha", lr, "delta", g1), Map.of("alpha", lr, "delta", g2)));
 * }
 */
final class TfApply {
  private final String op;
  private final List<Tensor> variables = new ArrayList<>();
  /** Each op input in order: a variable index (Integer) or a fed input's name (String). */
  private final List<Object> inputs = new ArrayList<>();
  private final Map<String, Object> attrs = new LinkedHashMap<>();

  TfApply(String op) {
    this.op = op;
  }

  /** The next op input is a ref variable starting at {@code initial}. */
  TfApply variable(Tensor initial) {
    inputs.add(variables.size());
    variables.add(initial);
    return this;
  }

  /** The next op input is fed each step under {@code name}. */
  TfApply feed(String name) {
    inputs.add(name);
    return this;
  }

  TfApply attr(String name, Object value) {
    attrs.put(name, value);
    return this;
  }

  /**
   * Runs one op per map of fed values; returns the values of all variables after each step.
   */
  List<List<Tensor>> run(List<Map<String, Tensor>> steps) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      List<Output<?>> vars = new ArrayList<>();
      List<GraphOperation> inits = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        Tensor init = variables.get(i);
        Output<?> v = g.opBuilder("VariableV2", "v" + i, g.baseScope())
            .setAttr("shape", org.tensorflow.ndarray.Shape.of(
                java.util.Arrays.stream(init.shape().dims()).asLongStream().toArray()))
            .setAttr("dtype", DataType.forNumber(init.dtype().tfEnum()))
            .build().output(0);
        vars.add(v);
        try (org.tensorflow.Tensor tf = TfOracle.toTf(init)) {
          Output<?> c = g.opBuilder("Const", "init_value" + i, g.baseScope())
              .setAttr("dtype", DataType.forNumber(init.dtype().tfEnum()))
              .setAttr("value", tf).build().output(0);
          inits.add(g.opBuilder("Assign", "init" + i, g.baseScope()).addInput(v).addInput(c)
              .build());
        }
      }
      Map<String, Output<?>> fed = new LinkedHashMap<>();
      Map<String, Tensor> first = steps.get(0);
      GraphOperationBuilder b = g.opBuilder(op, "apply", g.baseScope());
      for (Object in : inputs) {
        if (in instanceof Integer i) {
          b.addInput(vars.get(i));
        } else {
          String name = (String) in;
          Output<?> p = g.opBuilder("Placeholder", "feed_" + name, g.baseScope())
              .setAttr("dtype", DataType.forNumber(first.get(name).dtype().tfEnum()))
              .build().output(0);
          fed.put(name, p);
          b.addInput(p);
        }
      }
      attrs.forEach((k, v) -> {
        if (v instanceof Boolean z) {
          b.setAttr(k, z);
        } else {
          throw new IllegalArgumentException("attr " + k);
        }
      });
      GraphOperation apply = b.build();
      Session.Runner init = s.runner();
      inits.forEach(init::addTarget);
      init.run().close();
      List<List<Tensor>> states = new ArrayList<>();
      for (Map<String, Tensor> step : steps) {
        Session.Runner r = s.runner().addTarget(apply);
        List<org.tensorflow.Tensor> open = new ArrayList<>();
        try {
          for (Map.Entry<String, Output<?>> e : fed.entrySet()) {
            org.tensorflow.Tensor t = TfOracle.toTf(step.get(e.getKey()));
            open.add(t);
            r.feed(e.getValue(), t);
          }
          r.run().close();
        } finally {
          open.forEach(org.tensorflow.Tensor::close);
        }
        Session.Runner f = s.runner();
        vars.forEach(f::fetch);
        try (Result res = f.run()) {
          List<Tensor> state = new ArrayList<>();
          for (int i = 0; i < vars.size(); i++) {
            state.add(TfOracle.fromTf(res.get(i)));
          }
          states.add(state);
        }
      }
      return states;
    }
  }
}
