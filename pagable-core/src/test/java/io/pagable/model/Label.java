package io.pagable.model;

import io.pagable.PagableType;

/** A tagged part that is a plain value, written inline, not a node. */
@PagableType("part.label")
public record Label(String name) implements Part {}
