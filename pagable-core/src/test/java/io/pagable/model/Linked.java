package io.pagable.model;

import io.pagable.PagableNode;

/** A mutable node, to build cycles in tests. */
@PagableNode
public final class Linked {

    public String name;

    public Linked next;

    public Linked() {}

    public Linked(String name) {
        this.name = name;
    }
}
