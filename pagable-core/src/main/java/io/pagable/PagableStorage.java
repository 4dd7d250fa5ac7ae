package io.pagable;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
     * Saves a value as {@link #save} does and points a named root at it, atomically: every instance on
     * the store then finds the graph by the name, and the garbage collector keeps it and everything it
     * reaches until the name points elsewhere. Durable when it returns.
     *
     * @param name 1 to 200 characters: letters, digits and {@code . _ - / :}
     * @param value the graph's root value
     * @return the value's key, where the name now points
     * @throws IllegalArgumentException if the name is not valid, naming it and the rule
     * @throws UnsupportedStoreOperationException if the store keeps no named roots
     */
    DataKey saveRoot(String name, Object value);

    /**
     * Loads the graph a named root points at, as {@link #load} does.
     *
     * @param name a root name
     * @param type the root value's type
     * @param <T> the root value's type
     * @return the value, or empty if no root has the name
     * @throws UnsupportedStoreOperationException if the store keeps no named roots
     */
    <T> Optional<T> loadRoot(String name, Class<T> type);

    /**
     * Reads a named root: where it points and since when. A key read this way is protected from the
     * garbage collector only while the name points at it or for the grace period: to keep a graph,
     * keep the name, or hold the graph through an arc ({@link #arc(DataKey, Class)}).
     *
     * @param name a root name
     * @return the root, or empty if no root has the name
     */
    Optional<PagableRoot> root(String name);

    /**
     * Saves a value and points a named root at it if the name points at {@code expected} now
     * (compare-and-set): the way to update a graph that several instances may update at once.
     *
     * @param name a root name
     * @param expected the key the name must point at, or {@code null} if the name must not exist
     * @param value the new root value, saved whether or not the name is changed
     * @return false if the name no longer pointed at {@code expected}; it was left as it was
     */
    boolean replaceRoot(String name, @Nullable DataKey expected, Object value);

    /**
     * Deletes a named root. The graph it pointed at stays until a garbage collection finds nothing
     * else holds it.
     *
     * @param name a root name
     * @return true if the root existed
     */
    boolean deleteRoot(String name);

    /**
     * Lists named roots in name order, a page at a time (keyset paging).
     *
     * @param afterName the last name of the previous page, or {@code null} for the first
     * @param limit the most roots to return, 1 to 10,000
     * @return at most {@code limit} roots whose names follow {@code afterName}
     */
    List<PagableRoot> roots(@Nullable String afterName, int limit);

    /**
     * Runs one full garbage collection of the store now and returns what it did. It deletes every
     * node that no named root reaches, that no arc of a running instance on the store reaches
     * (resident, pinned or paged out), and that was not written or found present as a duplicate
     * within the grace period ({@link PagableStorageBuilder#gcGracePeriod}). Reads and writes go on
     * meanwhile. One collection runs at a time across all instances: if another runs, this one returns
     * at once with {@link GarbageCollection.Outcome#SKIPPED_ANOTHER_RUNNING}; if the store has no named
     * root at all, nothing is deleted ({@link GarbageCollection.Outcome#SKIPPED_NO_ROOTS}).
     *
     * @return what the collection did
     * @throws UnsupportedStoreOperationException if the store cannot delete nodes
     * @throws StoreException if the store fails; what was deleted before was garbage, and the next
     *     collection finishes the work
     */
    GarbageCollection collectGarbage();

    /**
     * Returns the bounded arc cache of recently paged-in values, so that its statistics can be
     * published (the starter binds it with Micrometer's {@code CaffeineCacheMetrics}), as Spring's
     * {@code CaffeineCache#getNativeCache} does. Statistics recording is on. Reading it is harmless;
     * putting values into it or removing them changes only what stays on the heap.
     *
     * @return the cache, or empty when the cache size is 0 or the implementation has none
     */
    default Optional<Cache<DataKey, Object>> arcCache() {
        return Optional.empty();
    }

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

    /** Drains what is pending, then closes the content store. Closing twice is harmless. */
    @Override
    void close();
}
