package io.pagable.model;

import io.pagable.PagableNode;
import io.pagable.PagableType;

/** A tagged shared node with no children. */
@PagableNode
@PagableType("part.bolt")
public record Bolt(String name) implements Part {}
