package io.pagable.boot.drainer;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory store whose writes and lookups fail while {@link #failing} is set. */
class FailingContentStore implements ContentStore {

    final InMemoryContentStore delegate = new InMemoryContentStore();

    final List<Long> attempts = new CopyOnWriteArrayList<>();

    volatile String failing;

    @Override
    public void putAll(List<StoredNode> nodes) {
        attempts.add(System.nanoTime());
        String message = failing;
        if (message != null) {
            throw new StoreException(message);
        }
        delegate.putAll(nodes);
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        return delegate.get(key);
    }

    @Override
    public boolean contains(DataKey key) {
        String message = failing;
        if (message != null) {
            throw new StoreException(message);
        }
        return delegate.contains(key);
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }
}
