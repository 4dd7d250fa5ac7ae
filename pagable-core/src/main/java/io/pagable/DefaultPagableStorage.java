package io.pagable;

import com.github.benmanes.caffeine.cache.Cache;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link PagableStorage#builder()}: a page-out queue drained child-first into the
 * content store, page-in through a resident map and a bounded Caffeine cache with single-flight
 * decoding, and statistics. Thread-safe.
 */
final class DefaultPagableStorage implements PagableStorage, ArcEngine {

    private static final Logger logger = LoggerFactory.getLogger(DefaultPagableStorage.class);

    private final ContentStore store;

    private final NodeCodec codec;

    private final EngineStats stats = new EngineStats();

    private final NodeLoader loader;

    /** The immutability check, or {@code null} when it is off. */
    private final @Nullable ImmutabilityCheck check;

    private final GraphWriter writer;

    private final ConcurrentLinkedQueue<PagableArc<?>> queue = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean closed = new AtomicBoolean();

    /** The engine's lease on the store, or {@code null} when the store does not support collection. */
    private final @Nullable EngineLease lease;

    private final @Nullable GarbageCollector collector;

    private final Object collecting = new Object();

    private final NamedRoots roots;

    private final RootWriter rootWriter;

    /**
     * Creates the engine, as {@link PagableStorage#builder()} does. The loader and writer are given this
     * engine as the {@link ArcEngine} of the arcs they make and meet; they call it only once built.
     */
    DefaultPagableStorage(EngineSettings settings) {
        this.store = settings.store();
        this.codec = new NodeCodec(settings.registry(), settings.maxNodeBytes());
        ResidentValues resident = new ResidentValues();
        this.loader = new NodeLoader(settings, codec, stats, resident, this);
        this.check = settings.verifyImmutability() ? new ImmutabilityCheck(codec, this) : null;
        this.writer = new GraphWriter(settings, codec, stats, this, resident);
        this.rootWriter = new RootWriter(writer, stats, queue, this::operation);
        this.roots = new NamedRoots(store, this, this::operation);
        if (store.supportsCollection()) {
            this.lease = new EngineLease(store, settings.leaseDuration(), settings.leaseRenewal(), (keys) -> {
                loader.forEachHeldKey(keys);
                writer.forEachHeldKey(keys);
            });
            this.collector = new GarbageCollector(store, lease, settings.gcGracePeriod());
        } else {
            this.lease = null;
            this.collector = null;
        }
    }

    @Override
    public <T> PagableArc<T> arc(T value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof PagableArc<?>) {
            throw new IllegalArgumentException("The value is already a PagableArc; use it as it is");
        }
        requireOpen();
        stats.resident.increment();
        stats.pending.increment();
        PagableArc<T> arc = new PagableArc<>(this, value.getClass(), value, null);
        queue.add(arc);
        return arc;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> PagableArc<T> arc(DataKey key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        return (PagableArc<T>) loader.arc(key, codec.javaType(type));
    }

    @Override
    public DataKey save(Object value) {
        Objects.requireNonNull(value, "value");
        requireOpen();
        Map<Object, DataKey> keys = new IdentityHashMap<>();
        rootWriter.write(List.of(value), keys, false);
        return keys.get(value);
    }

    @Override
    public <T> T load(DataKey key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Object value = loader.load(key, codec.javaType(type));
        try {
            return type.cast(value);
        } catch (ClassCastException ex) {
            throw new PagableException(
                    "Node " + key + " holds a " + value.getClass().getName() + ", not a " + type.getName(), ex);
        }
    }

    @Override
    public DataKey saveRoot(String name, Object value) {
        requireOpen();
        return roots.save(name, value);
    }

    @Override
    public <T> Optional<T> loadRoot(String name, Class<T> type) {
        requireOpen();
        return roots.load(name, type);
    }

    @Override
    public Optional<PagableRoot> root(String name) {
        requireOpen();
        return roots.get(name);
    }

    @Override
    public boolean replaceRoot(String name, @Nullable DataKey expected, Object value) {
        requireOpen();
        return roots.replace(name, expected, value);
    }

    @Override
    public boolean deleteRoot(String name) {
        requireOpen();
        return roots.delete(name);
    }

    @Override
    public List<PagableRoot> roots(@Nullable String afterName, int limit) {
        requireOpen();
        return roots.list(afterName, limit);
    }

    @Override
    public GarbageCollection collectGarbage() {
        requireOpen();
        if (collector == null) {
            throw new UnsupportedStoreOperationException(store, "garbage collection (deleting nodes)");
        }
        synchronized (collecting) {
            GarbageCollection collection;
            try {
                collection = collector.collect();
            } catch (RuntimeException | Error ex) {
                stats.collectionFailed(ex);
                throw ex;
            }
            stats.collected(collection);
            return collection;
        }
    }

    @Override
    public int pageOutPending() {
        return pageOutPending(Integer.MAX_VALUE);
    }

    @Override
    public int pageOutPending(int maxArcs) {
        if (maxArcs < 1) {
            throw new IllegalArgumentException("maxArcs must be >= 1, but was " + maxArcs);
        }
        loader.cleanUp();
        List<Object> roots = new ArrayList<>();
        PagableArc<?> arc;
        while (roots.size() < maxArcs && (arc = queue.poll()) != null) {
            if (arc.currentKey() == null) {
                roots.add(arc);
            }
        }
        if (roots.isEmpty()) {
            stats.drainFinished(false, null);
            return 0;
        }
        try {
            int written = rootWriter.write(roots, null, true);
            stats.drainFinished(false, null);
            return written;
        } catch (RuntimeException | Error ex) {
            stats.drainFinished(true, ex);
            throw ex;
        }
    }

    @Override
    public long pendingCount() {
        return Math.max(0, stats.pending.sum());
    }

    @Override
    public PagableStats stats() {
        StoreStats storeStats;
        try {
            storeStats = store.stats();
        } catch (RuntimeException ex) {
            logger.debug("Store statistics are unavailable", ex);
            storeStats = StoreStats.UNKNOWN;
        }
        return stats.snapshot(loader.cacheSize(), storeStats);
    }

    /**
     * Returns the bounded arc cache of recently paged-in values, so its statistics can be published
     * (for example with Micrometer's {@code CaffeineCacheMetrics}). Statistics recording is on.
     *
     * @return the cache, or empty when the cache size is 0
     */
    @Override
    public Optional<Cache<DataKey, Object>> arcCache() {
        return loader.recentCache();
    }

    /**
     * Returns the store this engine writes to.
     *
     * @return the content store
     */
    public ContentStore contentStore() {
        return store;
    }

    /**
     * Returns the codec this engine encodes nodes with.
     *
     * @return the codec
     */
    public NodeCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            pageOutPending();
        } finally {
            writer.close();
            if (lease != null) {
                lease.close();
            }
            store.close();
        }
    }

    @Override
    public <T> T pageIn(PagableArc<T> arc) {
        DataKey key = arc.currentKey();
        if (key == null) {
            throw new IllegalStateException("An unsaved arc has no value: " + arc);
        }
        @SuppressWarnings("unchecked")
        T value = (T) loader.load(key, loader.javaType(arc.type()));
        arc.rememberWeakly(value);
        return value;
    }

    @Override
    public void arcResident() {
        stats.resident.increment();
        stats.pagedOut.decrement();
    }

    @Override
    public void arcPagedOut() {
        stats.resident.decrement();
        stats.pagedOut.increment();
    }

    /**
     * Re-encodes the value when verifying immutability; a changed value is forgotten, so the arc pages
     * the stored one in next time, and reported.
     */
    @Override
    public <T> void checkUnchanged(PagableArc<T> arc, T value) {
        if (check == null) {
            return;
        }
        DataKey key = arc.currentKey();
        if (key == null) {
            return;
        }
        try {
            check.verify(arc, value, key);
        } catch (MutatedValueException ex) {
            arc.forgetWeakly(value);
            throw ex;
        }
    }

    @Override
    public String toString() {
        return "DefaultPagableStorage[" + store + ", pending=" + pendingCount() + "]";
    }

    /** Registers an operation in flight with the lease, so a collection keeps what it writes or finds. */
    private EngineLease.Operation operation() {
        return (lease != null) ? lease.begin() : EngineLease.Operation.NONE;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This PagableStorage is closed");
        }
    }
}
