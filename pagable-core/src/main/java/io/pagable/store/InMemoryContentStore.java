package io.pagable.store;

import io.pagable.DataKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A content store on the heap, for tests and for graphs that only need deduplication and identity,
 * not paging: paged-out bytes stay in memory (usually far smaller than the objects they encode).
 * Thread-safe; nothing survives the JVM.
 */
public final class InMemoryContentStore implements ContentStore {

    private final ConcurrentHashMap<DataKey, StoredNode> nodes = new ConcurrentHashMap<>();

    private final LongAdder bytes = new LongAdder();

    /** Creates an empty store. */
    public InMemoryContentStore() {}

    @Override
    public void putAll(List<StoredNode> batch) {
        for (StoredNode node : batch) {
            if (nodes.putIfAbsent(node.key(), node) == null) {
                bytes.add(node.storedSize());
            }
        }
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        return Optional.ofNullable(nodes.get(key));
    }

    @Override
    public boolean contains(DataKey key) {
        return nodes.containsKey(key);
    }

    @Override
    public StoreStats stats() {
        return new StoreStats(nodes.size(), bytes.sum());
    }

    @Override
    public String toString() {
        return "InMemoryContentStore[" + nodes.size() + " nodes]";
    }
}
