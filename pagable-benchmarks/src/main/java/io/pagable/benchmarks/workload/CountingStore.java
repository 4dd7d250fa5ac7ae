package io.pagable.benchmarks.workload;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Passes every call to a store and counts what the engine asks of it: nodes and their stored size
 * (data plus 16 bytes per child key) handed to {@code putAll}, and read round trips.
 */
final class CountingStore implements ContentStore {

    private final ContentStore delegate;

    final LongAdder nodesPut = new LongAdder();

    final LongAdder storedSizePut = new LongAdder();

    final LongAdder gets = new LongAdder();

    final LongAdder getAlls = new LongAdder();

    final LongAdder keysRead = new LongAdder();

    CountingStore(ContentStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void putAll(List<StoredNode> nodes) {
        delegate.putAll(nodes);
        nodesPut.add(nodes.size());
        for (StoredNode node : nodes) {
            storedSizePut.add(node.storedSize());
        }
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        gets.increment();
        keysRead.increment();
        return delegate.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        getAlls.increment();
        keysRead.add(keys.size());
        return delegate.getAll(keys);
    }

    @Override
    public boolean contains(DataKey key) {
        return delegate.contains(key);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
