package io.pagable.model;

import java.util.List;

/** A field of a non-final JDK-free base type whose data could be forged to name any class. */
public record Gadget(Shape shape, List<Object> anything) {}
