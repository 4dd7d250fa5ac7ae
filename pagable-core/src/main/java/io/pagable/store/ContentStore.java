package io.pagable.store;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.UnsupportedStoreOperationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where pagable keeps the bytes of paged-out nodes: a content-addressed map from {@link DataKey}
 * to {@link StoredNode}. Implement it to page out to your own backend; the contract tests in
 * {@code pagable-store-tck} check an implementation against everything below.
 *
 * <p>Implementations must be thread-safe. The engine calls {@link #putAll} from its own writer
 * threads (named {@code pagable-store-writer-N}), so that a drain encodes its next chunk of nodes
 * while the store writes the last one, and then {@link #flush()} from the draining thread once every
 * chunk is written; a store must not rely on a caller's thread-local state, such as a transaction
 * bound to the thread. Writes are idempotent: a node whose key is already
 * present is left as it is, which makes it safe for many engines and many application instances to
 * write one store at once. Data read back is untrusted by the engine: it verifies keys and sizes,
 * so a store need not, but a store that can detect damage itself (checksums, lengths) should report
 * it as {@link io.pagable.CorruptDataException} naming the key, never return damaged bytes as data.
 *
 * <p>Failures of the backend are reported as {@link io.pagable.StoreException}.
 *
 * <p><b>Named roots and garbage collection.</b> The methods below {@link #stats()} have defaults that
 * throw {@link UnsupportedStoreOperationException}, so a store written for an earlier release keeps
 * compiling and says what it cannot do. A store that keeps named roots implements {@link #root},
 * {@link #replaceRoot} and {@link #roots}; one that lets the collector delete returns true from
 * {@link #supportsCollection()} and implements the rest. For the collector to be safe, such a store
 * records for every node when it was last <em>touched</em>: written, or written again by a
 * {@link #putAll} that found it present (a duplicate); and it remembers, with the time, every key
 * that {@link #replaceRoot} moved a name away from (a retired root). Times are the store's own clock
 * ({@link #now()}), which every instance on the store shares: a database's clock for a database.
 */
public interface ContentStore extends AutoCloseable {

    /**
     * Stores nodes; a node whose key is already present is left unchanged (the first bytes win), but
     * a store that {@link #supportsCollection() supports collection} sets its touched time to now, so
     * that a collection running at the same moment keeps it. When this returns, the nodes are visible to {@link #get}; they are durable after
     * {@link #flush()} (or sooner, if the store writes through).
     *
     * @param nodes the nodes to store, children typically before their parents
     * @throws io.pagable.StoreException if the backend fails; some nodes may have been stored
     */
    void putAll(List<StoredNode> nodes);

    /**
     * Stores one node; see {@link #putAll(List)}.
     *
     * @param node the node to store
     */
    default void put(StoredNode node) {
        putAll(List.of(node));
    }

    /**
     * Reads one node.
     *
     * @param key the node's key
     * @return the node, or empty if the store does not hold the key
     * @throws io.pagable.CorruptDataException if the stored bytes are damaged
     * @throws io.pagable.StoreException if the backend fails
     */
    Optional<StoredNode> get(DataKey key);

    /**
     * Reads many nodes; stores override this to read them in one round trip. Keys the store does not
     * hold are absent from the result.
     *
     * @param keys the keys to read
     * @return the nodes found, by key
     */
    default Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        Map<DataKey, StoredNode> found = new LinkedHashMap<>();
        for (DataKey key : keys) {
            get(key).ifPresent((node) -> found.put(key, node));
        }
        return found;
    }

    /**
     * Tells whether the store holds a key.
     *
     * @param key the key
     * @return true if a node is stored under it
     */
    boolean contains(DataKey key);

    /** Makes every write that has returned durable. The default does nothing (write-through stores). */
    default void flush() {}

    /**
     * Returns the store's size; may be an estimate.
     *
     * @return entries and bytes
     */
    StoreStats stats();

    /**
     * Reads a named root.
     *
     * @param name a valid root name
     * @return the root, or empty if no root has the name
     * @throws UnsupportedStoreOperationException if the store keeps no roots (the default)
     */
    default Optional<PagableRoot> root(String name) {
        throw new UnsupportedStoreOperationException(this, "named roots");
    }

    /**
     * Points a name at a key if it points at the expected one now (compare-and-set), atomically and
     * durably: when this returns true, every instance on the store sees the new key. On success, a
     * previous key is remembered as a retired root at this moment, for {@link #retiredRoots}.
     *
     * @param name a valid root name
     * @param expected the key the name must point at now, or {@code null} if it must not exist
     * @param key the new key, or {@code null} to delete the name
     * @return false if the name did not point at {@code expected}; nothing changed then
     * @throws UnsupportedStoreOperationException if the store keeps no roots (the default)
     */
    default boolean replaceRoot(String name, @Nullable DataKey expected, @Nullable DataKey key) {
        throw new UnsupportedStoreOperationException(this, "named roots");
    }

    /**
     * Lists named roots in name order ({@link String#compareTo}), a page at a time.
     *
     * @param afterName the last name of the previous page, or {@code null} for the first page
     * @param limit the most roots to return, at least 1
     * @return the roots whose names follow {@code afterName}, at most {@code limit}
     * @throws UnsupportedStoreOperationException if the store keeps no roots (the default)
     */
    default List<PagableRoot> roots(@Nullable String afterName, int limit) {
        throw new UnsupportedStoreOperationException(this, "named roots");
    }

    /**
     * Tells whether the garbage collector may delete from this store: true when the store implements
     * every method below and records touched times and retired roots. The default is false, and
     * {@link io.pagable.PagableStorage#collectGarbage()} then fails naming the store.
     *
     * @return whether the collection methods work
     */
    default boolean supportsCollection() {
        return false;
    }

    /**
     * Returns the store's clock, the one its touched times, leases and retired roots are in. The
     * default is this JVM's clock, right for a store that only one process opens.
     *
     * @return now
     */
    default Instant now() {
        return Instant.now();
    }

    /**
     * Creates or renews a lease: until {@code now() + duration}, the collector keeps what its live
     * keys name.
     *
     * @param holder the engine's unique name
     * @param duration how long the lease lasts unless renewed
     * @param liveKeys the engine's live keys, kept as they are
     * @throws UnsupportedStoreOperationException if the store does not support collection
     */
    default void renewLease(String holder, Duration duration, byte[] liveKeys) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Ends a lease at once; nothing happens if there is none.
     *
     * @param holder the engine's unique name
     */
    default void releaseLease(String holder) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Returns the leases that have not expired.
     *
     * @return the live leases, in no particular order
     */
    default List<StoreLease> leases() {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Takes or extends the store's one collection lock: at most one collection runs on a store at a
     * time, across every instance. A lock that its holder does not extend lapses after
     * {@code duration}, so a collector that dies does not block the next one for long.
     *
     * @param holder the collecting engine's unique name
     * @param duration how long the lock lasts unless extended
     * @return true if {@code holder} holds the lock now; false if another holder does
     */
    default boolean tryLockCollection(String holder, Duration duration) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Releases the collection lock if {@code holder} holds it.
     *
     * @param holder the collecting engine's unique name
     */
    default void unlockCollection(String holder) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Returns the keys that {@link #replaceRoot} moved a name away from at or after a moment.
     *
     * @param since the earliest retirement to return
     * @return the retired keys, possibly with repeats
     */
    default List<DataKey> retiredRoots(Instant since) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Forgets the retired roots from before a moment.
     *
     * @param before the first retirement to keep
     */
    default void forgetRetiredRoots(Instant before) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Lists stored nodes in key order ({@link DataKey#compareTo}), a page at a time, without reading
     * their bytes. Nodes written while a scan runs may or may not appear in it.
     *
     * @param after the last key of the previous page, or {@code null} for the first page
     * @param limit the most nodes to return, at least 1
     * @return the nodes whose keys follow {@code after}, at most {@code limit}
     */
    default List<NodeSummary> scan(@Nullable DataKey after, int limit) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Reads the child keys of nodes without their bytes; stores override this to avoid reading the
     * bytes. Keys the store does not hold are absent from the result.
     *
     * @param keys the nodes' keys
     * @return each node's children, in order, by key
     */
    default Map<DataKey, List<DataKey>> children(Collection<DataKey> keys) {
        Map<DataKey, List<DataKey>> children = new LinkedHashMap<>();
        getAll(keys).forEach((key, node) -> children.put(key, node.children()));
        return children;
    }

    /**
     * Deletes the given nodes that were last touched before a moment, each atomically with respect to
     * {@link #putAll}: a node that a put touches at or after {@code touchedBefore} is never deleted,
     * and a put that runs after the deletion stores the node again. A store deletes in bounded batches
     * of its own, never holding a lock on the whole store.
     *
     * @param keys the nodes to delete
     * @param touchedBefore only nodes touched earlier than this are deleted
     * @return what was deleted
     */
    default DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        throw new UnsupportedStoreOperationException(this, "garbage collection");
    }

    /**
     * Gives the space of deleted nodes back to the file system or the database where that takes work
     * of its own (rewriting segment files, compacting a database file), crash-safely. The default
     * does nothing.
     *
     * @return the bytes of storage given back, as the store measures them; 0 if it does not know
     */
    default long reclaimSpace() {
        return 0;
    }

    /** Releases the store's resources. Calling it twice is harmless. The default does nothing. */
    @Override
    default void close() {}
}
