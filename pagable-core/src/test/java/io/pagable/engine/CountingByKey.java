package io.pagable.engine;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts reads per key over another store, which it does not close. */
final class CountingByKey implements ContentStore {

    private final ContentStore delegate;

    private final ConcurrentHashMap<DataKey, AtomicInteger> reads = new ConcurrentHashMap<>();

    CountingByKey(ContentStore delegate) {
        this.delegate = delegate;
    }

    int readsOf(DataKey key) {
        AtomicInteger count = reads.get(key);
        return (count != null) ? count.get() : 0;
    }

    @Override
    public void putAll(List<StoredNode> nodes) {
        delegate.putAll(nodes);
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        reads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
        return delegate.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        keys.forEach(
                (key) -> reads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet());
        return delegate.getAll(keys);
    }

    @Override
    public boolean contains(DataKey key) {
        return delegate.contains(key);
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }
}
