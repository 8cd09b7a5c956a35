package dev.rill.core.autodiff;

import dev.rill.core.Tensor;
import dev.rill.core.op.OpDef;
import java.util.ArrayList;
import java.util.List;

/** The tapes recording on this thread; executions report every op here. */
public final class Tapes {
  private static final ThreadLocal<List<GradientTape>> ACTIVE = ThreadLocal.withInitial(ArrayList::new);

  private Tapes() {}

  static void push(GradientTape tape) {
    ACTIVE.get().add(tape);
  }

  static void remove(GradientTape tape) {
    ACTIVE.get().remove(tape);
  }

  /** True if any tape is recording on this thread. */
  public static boolean recording() {
    for (GradientTape t : ACTIVE.get()) {
      if (t.isRecording()) {
        return true;
      }
    }
    return false;
  }

  /** Lets each recording tape that watches one of the inputs remember this op. */
  public static <A> void record(OpDef<A> op, A attrs, List<Tensor> inputs, List<Tensor> outputs) {
    List<GradientTape> active = ACTIVE.get();
    if (active.isEmpty() || op.gradient() == null) {
      return;
    }
    for (GradientTape tape : active) {
      if (tape.isRecording()) {
        tape.maybeRecord(op, attrs, inputs, outputs);
      }
    }
  }
}
