package io.pagable.model;

import io.pagable.PagableArc;
import io.pagable.PagableNode;
import java.util.List;

/**
 * A build target: a shared node (one instance per key) whose dependencies are shared nodes too and
 * whose large payload is held lazily through an arc.
 */
@PagableNode
public record Target(String name, List<Target> deps, PagableArc<Payload> payload) {}
