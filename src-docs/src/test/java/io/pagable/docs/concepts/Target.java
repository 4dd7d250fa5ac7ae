package io.pagable.docs.concepts;

import io.pagable.PagableArc;
import io.pagable.PagableNode;
import java.util.List;

// tag::node[]
@PagableNode // each instance is a node of its own, referenced by key from every parent
public record Target(String name, List<Target> deps, PagableArc<Report> log) {}
// end::node[]
