package dev.rill.core.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells kernels whether their vector code is compiled yet. Until C2 compiles it, Vector API code
 * runs as allocating Java, a hundred times slower than a plain scalar loop, and C2 compiles a
 * method only after thousands of calls: a fresh JVM's first training step spent most of its time
 * there. So a kernel asks its {@link Gate} before taking its vector path. The first question
 * starts one daemon thread that calls the vector code of every waiting kernel on tiny inputs,
 * round after round, until a round runs at compiled speed; until then the kernel takes its scalar
 * twin, whose results are bit-identical, and a scalar loop gets compiled within milliseconds. If
 * C2 never compiles the vector code (C2 disabled), the scalar path stays.
 *
 * {@snippet :
 * private static final VectorWarmup.Gate GATE = VectorWarmup.gate("pooling", Pool::tinyCalls);
 * if (GATE.ready()) { vectorLoop(); } else { scalarLoop(); }
 * }
 */
public final class VectorWarmup {
  /** Calls of a gate's tiny workload per timed round. */
  private static final int ROUND = 500;
  /**
   * A round this fast means C2's code. Measured on the gates' workloads: interpreted, a round takes
   * some 40 ms; compiled by C1, whose vector operations still allocate, 1.2-15 ms; by C2,
   * 0.1-0.3 ms. A 3 ms bound let C1's code through, and the first training step then ran it.
   */
  private static final long COMPILED_ROUND_NANOS = 1_000_000;
  /** Fast rounds in a row that mean compiled: one can be a lucky C1 round. */
  private static final int FAST_ROUNDS = 2;
  private static final long GIVE_UP_NANOS = 20_000_000_000L;

  private static final List<Gate> WARMING = new CopyOnWriteArrayList<>();
  private static final AtomicInteger THREAD = new AtomicInteger();

  private VectorWarmup() {}

  /**
   * A gate for one kernel; {@code tinyCall} runs its vector code once on inputs small enough that
   * a compiled call takes microseconds. Keep gates in static fields: one per kernel.
   */
  public static Gate gate(String name, Runnable tinyCall) {
    return new Gate(name, tinyCall);
  }

  /** One kernel's vector code: cold, warming up, compiled, or given up on. */
  public static final class Gate {
    private static final int COLD = 0;
    private static final int WARMING = 1;
    private static final int READY = 2;
    private static final int GAVE_UP = 3;

    private final String name;
    private final Runnable tinyCall;
    private final AtomicInteger state = new AtomicInteger(COLD);
    private long warmingSince;
    private int fastRounds;

    private Gate(String name, Runnable tinyCall) {
      this.name = name;
      this.tinyCall = tinyCall;
    }

    /** Whether to take the vector path; the first call starts warming it up. */
    public boolean ready() {
      int s = state.get();
      if (s == COLD && state.compareAndSet(COLD, WARMING)) {
        warmingSince = System.nanoTime();
        VectorWarmup.WARMING.add(this);
        if (THREAD.compareAndSet(0, 1)) {
          Thread.ofPlatform().daemon().name("rill-vector-warmup").start(VectorWarmup::run);
        }
      }
      return s == READY;
    }

    /** Starts the warm-up if needed and waits up to {@code millis} for it; true if ready. */
    public boolean await(long millis) throws InterruptedException {
      ready();
      long end = System.nanoTime() + millis * 1_000_000;
      while (state.get() == WARMING && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      return state.get() == READY;
    }

    /** Runs one timed round; leaves the warming state when compiled or out of time. */
    private void round() {
      long t0 = System.nanoTime();
      for (int i = 0; i < ROUND; i++) {
        tinyCall.run();
      }
      long now = System.nanoTime();
      fastRounds = now - t0 < COMPILED_ROUND_NANOS ? fastRounds + 1 : 0;
      if (fastRounds >= FAST_ROUNDS) {
        state.set(READY);
      } else if (now - warmingSince > GIVE_UP_NANOS) {
        state.set(GAVE_UP);
      }
    }

    @Override
    public String toString() {
      return "VectorWarmup.Gate[" + name + ", state " + state.get() + "]";
    }
  }

  /** Round-robin over the warming gates; exits when none is left (a later gate restarts it). */
  private static void run() {
    while (true) {
      for (Gate g : WARMING) {
        if (g.state.get() == Gate.WARMING) {
          g.round();
        } else {
          WARMING.remove(g);
        }
      }
      if (WARMING.isEmpty()) {
        THREAD.set(0);
        // a gate that joined between the check and the reset needs a thread again
        if (WARMING.isEmpty() || !THREAD.compareAndSet(0, 1)) {
          return;
        }
      }
    }
  }
}
