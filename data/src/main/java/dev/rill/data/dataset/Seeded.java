package dev.rill.data.dataset;

/**
 * An element with a seed of its own, from {@link Dataset#seeded(long)}: random work done on the
 * element in a map (crops, flips, noise) takes its numbers from {@code seed}, so it comes out the
 * same whatever thread runs it and however often the position is restored, yet differs per
 * element and per epoch.
 */
public record Seeded<T>(T value, long seed) {}
