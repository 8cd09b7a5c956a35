package dev.rill.core.op;

import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import java.util.List;

/**
 * One op, defined once: TensorFlow's name, an attribute record {@code A}, shape and dtype inference,
 * a CPU kernel, and a gradient written in terms of other ops. Every execution mode (eager now,
 * graph later) runs ops through this definition.
 *
 * {@snippet :
 * OpDef<NoAttrs> exp = OpDef.of("Exp",
 *     (attrs, in) -> List.of(in.get(0)),               // same dtype and shape
 *     (attrs, in, out) -> List.of(ExpKernel.run(in.get(0))),
 *     (node, dy) -> List.of(dy.get(0).mul(node.output(0))));
 * }
 *
 * @param <A> the attribute record ({@link NoAttrs} when the op has none)
 */
public interface OpDef<A> {
  /** TensorFlow's op name, e.g. {@code Conv2D}. */
  String name();

  /**
   * Checks the inputs and returns the dtype and shape of each output. Throws an
   * {@link dev.rill.core.InvalidArgumentException} naming this op and what was received.
   */
  List<TensorSpec> infer(A attrs, List<TensorSpec> inputs);

  /** Computes the outputs; {@code outputs} are what {@link #infer} returned for these inputs. */
  List<Tensor> compute(A attrs, List<Tensor> inputs, List<TensorSpec> outputs);

  /** The gradient rule, or null if the op is not differentiable. */
  GradientFn<A> gradient();

  /** Builds a definition from its parts. */
  static <A> OpDef<A> of(String name, Inference<A> infer, Kernel<A> kernel, GradientFn<A> gradient) {
    return new SimpleOpDef<>(name, infer, kernel, gradient);
  }

  /** Shape and dtype inference. */
  @FunctionalInterface
  interface Inference<A> {
    List<TensorSpec> infer(A attrs, List<TensorSpec> inputs);
  }

  /** A CPU kernel. */
  @FunctionalInterface
  interface Kernel<A> {
    List<Tensor> compute(A attrs, List<Tensor> inputs, List<TensorSpec> outputs);
  }
}
