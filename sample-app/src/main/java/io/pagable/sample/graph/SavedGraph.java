package io.pagable.sample.graph;

import io.pagable.PagableArc;
import io.pagable.sample.registry.Registry;
import java.time.Instant;

// tag::saved-graph[]
/**
 * A generated graph as the catalog keeps it, the value of its named root: its name, the figures of
 * its generation, and its registry behind an arc. Loading one reads this small node only; the
 * registry is read when it is first used.
 *
 * @param name the graph's name, unique
 * @param registry the graph's {@link Registry}, paged out until used
 * @param seed the seed it was generated from
 * @param nodes its node count
 * @param packages its package count
 * @param versions its version count
 * @param dependencyEdges its distinct dependency edges
 * @param generateMillis how long building the graph on the heap took
 * @param saveMillis how long writing it to the store took ({@code PagableStorage.save})
 * @param heap heap used before, with and after the graph
 * @param createdAt when it was generated
 */
public record SavedGraph(
        String name,
        PagableArc<Registry> registry,
        long seed,
        int nodes,
        int packages,
        int versions,
        int dependencyEdges,
        long generateMillis,
        long saveMillis,
        HeapFigures heap,
        Instant createdAt) {}
// end::saved-graph[]
