package io.pagable;

import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts reads and writes, and can fail every n-th write, around an in-memory store. */
final class CountingContentStore extends ForwardingContentStore {

    final AtomicLong reads = new AtomicLong();

    /** Calls of {@code get} and {@code getAll}: the store round trips. */
    final AtomicLong readCalls = new AtomicLong();

    final AtomicLong nodesPut = new AtomicLong();

    final AtomicInteger putCalls = new AtomicInteger();

    volatile int failEveryNthPut;

    CountingContentStore() {
        super(new InMemoryContentStore());
    }

    @Override
    public void putAll(List<StoredNode> nodes) {
        int call = putCalls.incrementAndGet();
        if (failEveryNthPut > 0 && call % failEveryNthPut == 0) {
            throw new StoreException("Injected failure of put call " + call);
        }
        nodesPut.addAndGet(nodes.size());
        super.putAll(nodes);
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        reads.incrementAndGet();
        readCalls.incrementAndGet();
        return super.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
        reads.addAndGet(keys.size());
        readCalls.incrementAndGet();
        return super.getAll(keys);
    }
}
