package io.pagable.sample.web;

import io.pagable.sample.graph.HeapFigures;
import io.pagable.sample.graph.SavedGraph;
import java.time.Instant;
import java.util.Locale;

/**
 * A recorded graph as the API shows it.
 *
 * @param name its name
 * @param rootKey the key of its registry, the graph's root node, in the content store, in hex
 * @param seed the seed it was generated from
 * @param nodes its node count
 * @param packages its package count
 * @param versions its version count
 * @param dependencyEdges its distinct dependency edges
 * @param generateMillis how long building it took
 * @param saveMillis how long writing it took
 * @param heap heap figures of its generation
 * @param createdAt when it was generated
 */
public record GraphView(
        String name,
        String rootKey,
        long seed,
        int nodes,
        int packages,
        int versions,
        int dependencyEdges,
        long generateMillis,
        long saveMillis,
        Heap heap,
        Instant createdAt) {

    static GraphView of(SavedGraph graph) {
        HeapFigures heap = graph.heap();
        return new GraphView(
                graph.name(),
                graph.registry().key().orElseThrow().toHex(),
                graph.seed(),
                graph.nodes(),
                graph.packages(),
                graph.versions(),
                graph.dependencyEdges(),
                graph.generateMillis(),
                graph.saveMillis(),
                new Heap(
                        heap.beforeBytes(),
                        heap.residentBytes(),
                        heap.pagedOutBytes(),
                        heap.graphResidentBytes(),
                        heap.graphPagedOutBytes(),
                        String.format(
                                Locale.ROOT,
                                "the graph took %.1f MB of heap while resident and %.1f MB after page-out",
                                heap.graphResidentBytes() / 1048576.0,
                                heap.graphPagedOutBytes() / 1048576.0)),
                graph.createdAt());
    }

    /**
     * Heap used around the generation, each after a full GC.
     *
     * @param beforeBytes before the graph was built
     * @param residentBytes with the whole graph on the heap (written, pinned)
     * @param pagedOutBytes after the pins were closed and the graph paged out
     * @param graphResidentBytes resident minus before
     * @param graphPagedOutBytes paged-out minus before
     * @param summary the two differences in words
     */
    public record Heap(
            long beforeBytes,
            long residentBytes,
            long pagedOutBytes,
            long graphResidentBytes,
            long graphPagedOutBytes,
            String summary) {}
}
