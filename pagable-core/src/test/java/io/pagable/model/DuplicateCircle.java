package io.pagable.model;

import io.pagable.PagableType;

/** Claims the tag of {@link Circle}: registering both must fail. */
@PagableType("shape.circle")
public record DuplicateCircle(double r) {}
