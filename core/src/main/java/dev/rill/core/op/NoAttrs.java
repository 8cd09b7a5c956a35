package dev.rill.core.op;

/** The attributes of an op that has none. */
public enum NoAttrs {
  INSTANCE
}
