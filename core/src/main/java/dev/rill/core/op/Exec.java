package dev.rill.core.op;

import dev.rill.core.Tensor;
import java.util.List;
import java.util.function.Supplier;

/** Runs ops in the current {@link Execution} of this thread (eager unless one was installed). */
public final class Exec {
  private static final ThreadLocal<Execution> CURRENT = ThreadLocal.withInitial(() -> Eager.INSTANCE);

  private Exec() {}

  public static Execution current() {
    return CURRENT.get();
  }

  /** Runs {@code body} with {@code execution} installed on this thread. */
  public static <T> T with(Execution execution, Supplier<T> body) {
    Execution previous = CURRENT.get();
    CURRENT.set(execution);
    try {
      return body.get();
    } finally {
      CURRENT.set(previous);
    }
  }

  public static <A> List<Tensor> run(OpDef<A> op, A attrs, Tensor... inputs) {
    return CURRENT.get().execute(op, attrs, List.of(inputs));
  }

  public static <A> List<Tensor> run(OpDef<A> op, A attrs, List<Tensor> inputs) {
    return CURRENT.get().execute(op, attrs, inputs);
  }

  /** Runs a single-output op. */
  public static <A> Tensor run1(OpDef<A> op, A attrs, Tensor... inputs) {
    return CURRENT.get().execute(op, attrs, List.of(inputs)).get(0);
  }

  /** Runs a single-output op that has no attributes. */
  public static Tensor run1(OpDef<NoAttrs> op, Tensor... inputs) {
    return run1(op, NoAttrs.INSTANCE, inputs);
  }
}
