package dev.rill.data.dataset;

/**
 * Two values side by side, as {@link Dataset#zip(Dataset, Dataset)} makes them: typically
 * (features, labels). A pair of structures is itself a structure, so pairs batch.
 */
public record Pair<A, B>(A first, B second) {
  public static <A, B> Pair<A, B> of(A first, B second) {
    return new Pair<>(first, second);
  }
}
