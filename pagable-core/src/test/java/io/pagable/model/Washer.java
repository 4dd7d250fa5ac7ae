package io.pagable.model;

import io.pagable.PagableNode;

/** Deliberately a node without a tag: writing it into a Part position must fail. */
@PagableNode
public record Washer(String name) implements Part {}
