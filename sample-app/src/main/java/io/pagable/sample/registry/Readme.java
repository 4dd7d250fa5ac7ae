package io.pagable.sample.registry;

/**
 * A package's README: a large payload, held through a {@link io.pagable.PagableArc}.
 *
 * @param markdown the README text
 */
public record Readme(String markdown) {}
