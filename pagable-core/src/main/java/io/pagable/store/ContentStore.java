package io.pagable.store;

import io.pagable.DataKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 */
public interface ContentStore extends AutoCloseable {

    /**
     * Stores nodes; a node whose key is already present is left unchanged (the first bytes win).
     * When this returns, the nodes are visible to {@link #get}; they are durable after
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

    /** Releases the store's resources. Calling it twice is harmless. The default does nothing. */
    @Override
    default void close() {}
}
