package io.pagable.sample.graph;

import com.github.benmanes.caffeine.cache.Cache;
import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.sample.registry.Registry;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

/**
 * Generates registries into the {@link PagableStorage} the starter provides, records them in the
 * {@link GraphCatalog} under a named root, and reads them back lazily.
 */
@Service
public class GraphService {

    private static final Logger logger = LoggerFactory.getLogger(GraphService.class);

    /** Arcs written per step of a generation, for the progress log. */
    private static final int WRITE_STEP = 10_000;

    private final PagableStorage storage;

    private final GraphCatalog catalog;

    /**
     * Creates the service.
     *
     * @param storage the storage (a bean of the pagable starter)
     * @param catalog the catalog of graphs
     */
    public GraphService(PagableStorage storage, GraphCatalog catalog) {
        this.storage = storage;
        this.catalog = catalog;
    }

    /**
     * Generates a registry, saves it and records it. One generation runs at a time, so that the heap
     * figures of one are not mixed with another's.
     *
     * @param name the graph's name, not yet used
     * @param seed the random seed
     * @param nodes the number of nodes
     * @return the recorded graph
     * @throws GraphExistsException if the name is taken, before or while the graph was generated
     */
    public synchronized SavedGraph generate(String name, long seed, int nodes) {
        if (catalog.exists(name)) {
            throw new GraphExistsException(name);
        }
        long heapBefore = HeapFigures.usedAfterGc();
        long start = System.nanoTime();
        ProgressLog progress = new ProgressLog(name, nodes);
        // tag::generate[]
        DataKey rootKey;
        long heapResident;
        GeneratedRegistry generated = new RegistryGenerator(storage).generate(name, seed, nodes, progress);
        long built = System.nanoTime();
        long saved;
        try (generated) { // every arc of the graph stays pinned, so resident, until this block ends
            while (storage.pageOutPending(WRITE_STEP) > 0) { // writes queued arcs, children first
                progress.written(generated.arcs(), storage.pendingCount());
            }
            rootKey = storage.save(generated.registry()); // writes the root; the graph is durable now
            saved = System.nanoTime();
            heapResident = HeapFigures.usedAfterGc();
        } // pins closed: the written arcs drop their values; only their keys stay on the heap
        // end::generate[]
        long heapPagedOut = HeapFigures.usedAfterGc();
        SavedGraph graph = new SavedGraph(
                name,
                storage.arc(rootKey, Registry.class),
                seed,
                generated.nodes(),
                generated.packages(),
                generated.versions(),
                generated.dependencyEdges(),
                (built - start) / 1_000_000,
                (saved - built) / 1_000_000,
                new HeapFigures(heapBefore, heapResident, heapPagedOut),
                Instant.now());
        if (!catalog.add(graph)) { // another request took the name meanwhile; this graph is garbage now
            throw new GraphExistsException(name);
        }
        logger.info(
                "Saved graph '{}': {} nodes ({} packages, {} versions) built in {} ms, written in {} ms, root key {}; "
                        + "heap used by the graph: {} MB resident, {} MB after page-out",
                name,
                graph.nodes(),
                graph.packages(),
                graph.versions(),
                graph.generateMillis(),
                graph.saveMillis(),
                rootKey,
                megabytes(graph.heap().graphResidentBytes()),
                megabytes(graph.heap().graphPagedOutBytes()));
        return graph;
    }

    /**
     * Lists the recorded graphs in name order.
     *
     * @param after the last name of the previous window, or {@code null} for the first
     * @param size the most graphs to return
     * @return a window of graphs
     */
    public Window<SavedGraph> list(@Nullable String after, int size) {
        return catalog.list(after, size);
    }

    /**
     * Finds a recorded graph.
     *
     * @param name the graph's name
     * @return the graph, if recorded
     */
    public Optional<SavedGraph> find(String name) {
        return catalog.find(name);
    }

    /**
     * Deletes a graph's root; its nodes go at the next garbage collection.
     *
     * @param name the graph's name
     * @return whether the graph existed
     */
    public boolean delete(String name) {
        if (!catalog.delete(name)) {
            return false;
        }
        // The collector keeps what a running instance holds: the arc cache may hold the graph's
        // registry, and the heap its arcs. Empty the cache (other graphs' values are read again on
        // demand) and let the heap drop them, so that the next collection finds the graph unheld.
        storage.arcCache().ifPresent(Cache::invalidateAll);
        System.gc();
        return true;
    }

    /**
     * Returns a graph's registry, paging it in if needed. Its packages stay paged out until used.
     *
     * @param graph a recorded graph
     * @return the registry
     */
    public Registry registry(SavedGraph graph) {
        // tag::lazy-root[]
        return graph.registry().get(); // reads the registry node only: the packages come back as paged-out arcs
        // end::lazy-root[]
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
