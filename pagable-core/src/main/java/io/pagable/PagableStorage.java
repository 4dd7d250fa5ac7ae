package io.pagable;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Optional;

/**
 * The paging engine: creates {@link PagableArc}s, writes their values to a
 * {@link io.pagable.store.ContentStore} when they are paged out, and reads them back on demand.
 * Thread-safe; one instance per store and application is typical (a Spring Boot application gets
 * it as a bean).
 *
 * <pre>{@code
 * try (PagableStorage storage = PagableStorage.builder()
 *         .contentStore(new FileContentStore(Path.of("data/pagable")))
 *         .registerPackages("com.example.model")
 *         .build()) {
 *     PagableArc<Document> doc = storage.arc(parse(file));
 *     storage.pageOutPending();            // written, and the heap copy may be collected
 *     String title = doc.get().title();    // paged back in on demand
 * }
 * }</pre>
 */
public interface PagableStorage extends AutoCloseable {

    /**
     * Starts building a storage.
     *
     * @return a new builder
     */
    static PagableStorageBuilder builder() {
        return new PagableStorageBuilder();
    }

    /**
     * Wraps a value in a new arc, queued for page-out: the next drain writes it (and everything it
     * references) and releases the arc's strong reference unless it is pinned. The value must not be
     * modified afterwards.
     *
     * @param value the value, treated as immutable from now on
     * @param <T> the value's type
     * @return a resident arc
     */
    <T> PagableArc<T> arc(T value);

    /**
     * Returns a lazy handle to a stored value; nothing is read until the arc is used. One key and type
     * give one arc instance while it is reachable.
     *
     * @param key the value's key, as returned by {@link #save} or {@link PagableArc#key()}
     * @param type the value's class, or a supertype of its registered tagged class
     * @param <T> the value's type
     * @return a paged-out arc
     */
    <T> PagableArc<T> arc(DataKey key, Class<T> type);

    /**
     * Writes a value and everything it references now; durable when this returns. Arcs inside the
     * value that were not yet written are written too and then count as paged out.
     *
     * @param value the root of the graph
     * @return the root's key, to {@link #load} it later, in this or another process
     * @throws CycleException if the graph refers back to itself
     * @throws UnregisteredTypeException if a polymorphic position holds an untagged class
     * @throws StoreException if the store fails; nothing already stored is changed
     */
    DataKey save(Object value);

    /**
     * Reads a graph back: the root and its {@link PagableNode} children eagerly, its
     * {@link PagableArc} children as paged-out arcs. A key already resident or cached gives the same
     * instance as before.
     *
     * @param key the root's key
     * @param type the root's class, or a supertype of its registered tagged class
     * @param <T> the root's type
     * @return the root value
     * @throws MissingDataException if the store does not hold the key or a child of it
     * @throws CorruptDataException if stored bytes fail verification or decoding
     * @throws UnknownTypeTagException if the data names a tag that is not registered
     */
    <T> T load(DataKey key, Class<T> type);

    /**
     * Drains the page-out queue: writes every queued arc, children first, and releases the strong
     * reference of each one that is not pinned. Safe to call from many threads at once.
     *
     * <p>An arc whose value can never be written (its class has no tag where one is needed, it cannot
     * be encoded, it is on a cycle or over a size limit) does not fail the drain: it leaves the queue,
     * stays resident, is logged and is counted in {@link PagableStats#unwritableArcs()} (see {@link
     * UnwritableArc}), and the other arcs are written.
     *
     * @return the number of arcs paged out by this call
     * @throws StoreException if the store fails; the affected arcs stay resident and queued, and the
     *     next drain retries them
     */
    int pageOutPending();

    /**
     * Drains at most {@code maxArcs} arcs from the page-out queue; see {@link #pageOutPending()}.
     *
     * @param maxArcs the most arcs to take from the queue, at least 1
     * @return the number of arcs paged out by this call
     */
    int pageOutPending(int maxArcs);

    /**
     * Returns the number of arcs queued and not yet written.
     *
     * @return the pending count
     */
    long pendingCount();

    /**
     * Returns counts, bytes and cache figures; this is also what the Spring Boot actuator shows.
     *
     * @return a snapshot of the statistics
     */
    PagableStats stats();

    /**
     * Returns the bounded arc cache of recently paged-in values, for publishing its statistics (for
     * example with Micrometer's {@code CaffeineCacheMetrics}), as Spring's
     * {@code CaffeineCache#getNativeCache} does. The cache belongs to the storage: read its statistics,
     * do not change its entries.
     *
     * @return the cache, or empty when the cache size is 0 or the implementation has none
     */
    default Optional<Cache<DataKey, Object>> arcCache() {
        return Optional.empty();
    }

    /** Drains what is pending, then closes the content store. Closing twice is harmless. */
    @Override
    void close();
}
