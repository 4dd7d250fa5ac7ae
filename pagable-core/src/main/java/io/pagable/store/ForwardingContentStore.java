package io.pagable.store;

import io.pagable.DataKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A content store that passes every call to another one: the base for decorators that count, time,
 * fail on purpose or share a store without closing it. Subclasses override what they change; every
 * other method, including {@link #close()}, reaches the delegate unchanged.
 */
public abstract class ForwardingContentStore implements ContentStore {

    private final ContentStore delegate;

    /**
     * Creates a store forwarding to {@code delegate}.
     *
     * @param delegate the store every call goes to
     */
    protected ForwardingContentStore(ContentStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Returns the store calls are forwarded to.
     *
     * @return the delegate
     */
    protected final ContentStore delegate() {
        return delegate;
    }

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
