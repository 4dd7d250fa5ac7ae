package io.pagable.engine;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A view of another engine's store that does not close it, to read with a second engine. */
record SharedStore(ContentStore delegate) implements ContentStore {

    @Override
    public void putAll(List<StoredNode> nodes) {
        delegate.putAll(nodes);
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        return delegate.get(key);
    }

    @Override
    public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
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
