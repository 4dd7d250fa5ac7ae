package io.pagable.model;

import io.pagable.PagableNode;
import io.pagable.PagableType;
import java.util.List;

/** A tagged shared node whose parts are nodes or values of a polymorphic type. */
@PagableNode
@PagableType("part.assembly")
public record Assembly(String name, List<Part> parts) implements Part {}
