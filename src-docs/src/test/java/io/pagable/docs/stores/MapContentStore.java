package io.pagable.docs.stores;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

// tag::store[]
/** A content store in a map; a store on Redis, S3 or a key-value service has the same shape. */
public final class MapContentStore implements ContentStore {

    private final ConcurrentMap<DataKey, StoredNode> nodes;

    public MapContentStore() {
        this(new ConcurrentHashMap<>());
    }

    MapContentStore(ConcurrentMap<DataKey, StoredNode> nodes) {
        this.nodes = nodes;
    }

    @Override
    public void putAll(List<StoredNode> batch) {
        for (StoredNode node : batch) {
            nodes.putIfAbsent(node.key(), node); // idempotent: what is stored under a key stays
        }
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        return Optional.ofNullable(nodes.get(key)).map(StoredNode::verify); // damaged data is never returned
    }

    @Override
    public boolean contains(DataKey key) {
        return nodes.containsKey(key);
    }

    @Override
    public StoreStats stats() {
        long bytes = nodes.values().stream().mapToLong(StoredNode::storedSize).sum();
        return new StoreStats(nodes.size(), bytes);
    }
}
// end::store[]
