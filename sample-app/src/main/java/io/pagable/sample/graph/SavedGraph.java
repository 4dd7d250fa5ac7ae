package io.pagable.sample.graph;

import io.pagable.DataKey;
import java.time.Instant;

/**
 * A generated graph as the catalog keeps it: its name, its root key in the content store, and the
 * figures of its generation.
 *
 * @param name the graph's name, unique
 * @param rootKey the key of its {@link io.pagable.sample.registry.Registry}
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
        DataKey rootKey,
        long seed,
        int nodes,
        int packages,
        int versions,
        int dependencyEdges,
        long generateMillis,
        long saveMillis,
        HeapFigures heap,
        Instant createdAt) {}
