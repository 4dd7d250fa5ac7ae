package io.pagable.store;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
    public Optional<PagableRoot> root(String name) {
        return delegate.root(name);
    }

    @Override
    public boolean replaceRoot(String name, @Nullable DataKey expected, @Nullable DataKey key) {
        return delegate.replaceRoot(name, expected, key);
    }

    @Override
    public List<PagableRoot> roots(@Nullable String afterName, int limit) {
        return delegate.roots(afterName, limit);
    }

    @Override
    public boolean supportsCollection() {
        return delegate.supportsCollection();
    }

    @Override
    public Instant now() {
        return delegate.now();
    }

    @Override
    public void renewLease(String holder, Duration duration, byte[] liveKeys) {
        delegate.renewLease(holder, duration, liveKeys);
    }

    @Override
    public void releaseLease(String holder) {
        delegate.releaseLease(holder);
    }

    @Override
    public List<StoreLease> leases() {
        return delegate.leases();
    }

    @Override
    public boolean tryLockCollection(String holder, Duration duration) {
        return delegate.tryLockCollection(holder, duration);
    }

    @Override
    public void unlockCollection(String holder) {
        delegate.unlockCollection(holder);
    }

    @Override
    public List<DataKey> retiredRoots(Instant since) {
        return delegate.retiredRoots(since);
    }

    @Override
    public void forgetRetiredRoots(Instant before) {
        delegate.forgetRetiredRoots(before);
    }

    @Override
    public List<NodeSummary> scan(@Nullable DataKey after, int limit) {
        return delegate.scan(after, limit);
    }

    @Override
    public Map<DataKey, List<DataKey>> children(Collection<DataKey> keys) {
        return delegate.children(keys);
    }

    @Override
    public DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        return delegate.deleteUntouched(keys, touchedBefore);
    }

    @Override
    public long reclaimSpace() {
        return delegate.reclaimSpace();
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
