package io.pagable.sample.registry;

import io.pagable.PagableArc;
import java.util.Map;

// tag::registry[]
/**
 * The root of a generated graph: every package by name, each behind an arc, so loading the root
 * reads one node and leaves the packages paged out until a request needs one.
 *
 * @param name the graph's name
 * @param seed the seed the graph was generated from
 * @param packages the packages by name, each loaded on first use
 */
public record Registry(String name, long seed, Map<String, PagableArc<PackageEntry>> packages) {}
// end::registry[]
