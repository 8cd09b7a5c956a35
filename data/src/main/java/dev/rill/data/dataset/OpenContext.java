package dev.rill.data.dataset;

/**
 * What a {@link Source} is opened for: the epoch (the how-manieth pass over the whole pipeline)
 * and a key that names this particular opening inside it. Operators that open their input several
 * times in one pass (a repeat's repetitions, the inner datasets of an interleave) give each
 * opening its own {@link #child child} key, so a shuffle below them draws a different but
 * reproducible order each time. Everything random in a pipeline derives from these keys and the
 * user's seeds, never from state kept between passes; that is what lets a saved position be
 * replayed in a fresh process.
 *
 * @param epoch the pass over the pipeline this opening belongs to, from 0
 * @param key a hash of the epoch and the path of openings that led here
 */
public record OpenContext(long epoch, long key) {
  /** The context of the root of pass {@code epoch}. */
  public static OpenContext forEpoch(long epoch) {
    return new OpenContext(epoch, SplitMix.mix(0x5EEDL, epoch));
  }

  /**
   * The context for the {@code index}-th opening made by an operator; {@code salt} tells operator
   * kinds apart so that, say, a repeat's repetition 1 and an interleave's element 1 differ.
   */
  public OpenContext child(int salt, long index) {
    return new OpenContext(epoch, SplitMix.mix(SplitMix.mix(key, salt), index));
  }

  /** A seed for a random draw made under this context by an operator seeded with {@code seed}. */
  public long seed(long seed) {
    return SplitMix.mix(seed, key);
  }
}
