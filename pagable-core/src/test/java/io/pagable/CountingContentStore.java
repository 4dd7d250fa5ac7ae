package io.pagable;

import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes every call to a store and counts what the engine asks of it: nodes and their stored size (data
 * plus 16 bytes per child key) that {@code putAll} accepted, its calls, the keys read and the read round
 * trips. It can fail every n-th {@code putAll}. The core's tests use it around an in-memory store, the
 * workload benchmark around the store it measures (this test-jar is on the benchmarks' class path).
 */
public final class CountingContentStore extends ForwardingContentStore {

    /** Nodes that {@code putAll} handed on successfully. */
    public final AtomicLong nodesPut = new AtomicLong();

    /** {@link StoredNode#storedSize()} of those nodes. */
    public final AtomicLong storedSizePut = new AtomicLong();

    /** Calls of {@code putAll}, failed ones included. */
    public final AtomicInteger putCalls = new AtomicInteger();

    /** Keys asked for by {@code get} and {@code getAll}. */
    public final AtomicLong reads = new AtomicLong();

    /** Calls of {@code get} and {@code getAll}: the store round trips. */
    public final AtomicLong readCalls = new AtomicLong();

    /** When above zero, every n-th call of {@code putAll} fails with a {@link StoreException}. */
    public volatile int failEveryNthPut;

    /** Counts around a new {@link InMemoryContentStore}. */
    public CountingContentStore() {
        this(new InMemoryContentStore());
    }

    /** Counts around {@code delegate}. */
    public CountingContentStore(ContentStore delegate) {
        super(delegate);
    }

    @Override
    public void putAll(List<StoredNode> nodes) {
        int call = putCalls.incrementAndGet();
        if (failEveryNthPut > 0 && call % failEveryNthPut == 0) {
            throw new StoreException("Injected failure of put call " + call);
        }
        super.putAll(nodes);
        long size = 0;
        for (StoredNode node : nodes) {
            size += node.storedSize();
        }
        nodesPut.addAndGet(nodes.size());
        storedSizePut.addAndGet(size);
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
