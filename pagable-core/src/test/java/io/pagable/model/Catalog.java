package io.pagable.model;

import io.pagable.PagableArc;
import java.util.List;

/** A named collection whose items page out one by one: the graph the collector tests version. */
public record Catalog(String name, int version, List<PagableArc<Item>> items) {}
