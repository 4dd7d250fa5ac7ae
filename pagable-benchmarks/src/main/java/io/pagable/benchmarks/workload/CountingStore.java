package io.pagable.benchmarks.workload;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
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
final class CountingStore extends ForwardingContentStore {

    final LongAdder nodesPut = new LongAdder();

    final LongAdder storedSizePut = new LongAdder();

    final LongAdder gets = new LongAdder();

    final LongAdder getAlls = new LongAdder();

    final LongAdder keysRead = new LongAdder();

    CountingStore(ContentStore delegate) {
        super(delegate);
    }

    @Override
    public void putAll(List<StoredNode> nodes) {
        super.putAll(nodes);
        nodesPut.add(nodes.size());
        for (StoredNode node : nodes) {
            storedSizePut.add(node.storedSize());
        }
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        gets.increment();
        keysRead.increment();
        return super.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        getAlls.increment();
        keysRead.add(keys.size());
        return super.getAll(keys);
    }
}
