package io.pagable;

import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.StoredNode;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts reads per key over another store, which it does not close. */
final class CountingByKey extends ForwardingContentStore {

    private final ConcurrentHashMap<DataKey, AtomicInteger> reads = new ConcurrentHashMap<>();

    CountingByKey(ContentStore delegate) {
        super(delegate);
    }

    int readsOf(DataKey key) {
        AtomicInteger count = reads.get(key);
        return (count != null) ? count.get() : 0;
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        count(key);
        return super.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        keys.forEach(this::count);
        return super.getAll(keys);
    }

    @Override
    public void close() {
        // the store belongs to the engine that wrote it
    }

    private void count(DataKey key) {
        reads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
    }
}
